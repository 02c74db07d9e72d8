"""The ``assurance`` command. Thin: each command parses its options and calls the library."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from assurance import __version__
from assurance.config import Settings
from assurance.errors import AssuranceError, ValidationFailed

app = typer.Typer(
    help="Assurance: evidence for Police and Crime Commissioners to hold the Chief Constable "
    "to account.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic's validation error, with the variable named
        raise AssuranceError(f"invalid setting: {exc}") from exc


def _fail(exc: AssuranceError) -> None:
    from assurance.console import err

    err.print(f"[red]error:[/] {exc}", highlight=False)
    raise typer.Exit(exc.exit_code)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.command()
def version() -> None:
    """Print the version of Assurance."""
    typer.echo(__version__)


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the delivery into.")],
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives the same files.")
    ] = 2016,
    start: Annotated[str, typer.Option(help="First month, YYYY-MM.")] = "2012-01",
    end: Annotated[str, typer.Option(help="Last month, YYYY-MM.")] = "2016-05",
    peers: Annotated[
        bool, typer.Option("--peers", help="Also make seven most similar forces.")
    ] = False,
    scale: Annotated[
        str, typer.Option(help="force (West Mercia) or national (benchmark data).")
    ] = "force",
    forces: Annotated[int, typer.Option(help="Number of forces at national scale.")] = 43,
    no_signals: Annotated[
        bool, typer.Option("--no-signals", help="Leave out the planted May 2016 signals.")
    ] = False,
) -> None:
    """Write a synthetic demo delivery (West Mercia, May 2016 scenario) in the data contract."""
    from assurance.console import out as console
    from assurance.console import progress_bar
    from assurance.demo import generate as make

    with progress_bar() as progress:
        summary = make(
            out,
            seed=seed,
            start=start,
            end=end,
            peers=peers,
            scale=scale,
            national_forces=forces,
            signals=not no_signals,
            progress=progress,
        )
    console.print(f"Wrote a synthetic delivery for {len(summary.forces)} force(s) to {out}")
    for name, rows in summary.rows.items():
        console.print(f"  {name:<22} {rows:>12,} rows")


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Delivery folders, files or police.uk archives.")
    ],
    allow_rejects: Annotated[
        bool,
        typer.Option(
            "--allow-rejects", help="Load the valid rows; write rejected ones to a quarantine CSV."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Validate deliveries against the data contract and load them, one transaction each."""
    from assurance.console import print_delivery, print_problems, progress_bar
    from assurance.ingest.run import ingest as run_ingest

    settings = _settings()
    try:
        with progress_bar(enabled=not as_json) as progress:
            results = run_ingest(settings, paths, allow_rejects=allow_rejects, progress=progress)
    except ValidationFailed as exc:
        summary = exc.summary
        if as_json and summary is not None:
            typer.echo(json.dumps(summary.to_json(), indent=2))  # type: ignore[attr-defined]
        elif summary is not None:
            print_delivery(summary)  # type: ignore[arg-type]
            print_problems(summary)  # type: ignore[arg-type]
        _fail(exc)
        return
    except AssuranceError as exc:
        _fail(exc)
        return
    if as_json:
        typer.echo(json.dumps([f for r in results for f in r.to_json()], indent=2))
        return
    for result in results:
        print_delivery(result)


Month = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]
Force = Annotated[
    str | None, typer.Option("--force", help="Force code (default: the force with a plan).")
]


AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _emit(compute: Any, as_json: bool, to_json: Any, show: Any) -> None:
    """Compute a report, then print it as JSON or as a table."""
    try:
        report = compute()
    except AssuranceError as exc:
        _fail(exc)
        return
    if as_json:
        typer.echo(json.dumps(to_json(report), indent=2))
    else:
        show(report)


def _report(make: Any, month: str, force: str | None, as_json: bool, show: Any) -> None:
    """A month's report for one force."""
    _emit(lambda: make(_settings(), month, force), as_json, lambda r: r.to_json(), show)


AllForces = Annotated[
    bool,
    typer.Option(
        "--all-forces", help="Every force in the warehouse, computed together (not with --force)."
    ),
]


def _all_forces_report(make: Any, month: str, as_json: bool, to_json: Any, show: Any) -> None:
    """A month's reports for every force, as JSON or as one table."""
    _emit(
        lambda: make(_settings(), month),
        as_json,
        lambda reports: to_json(month, reports),
        lambda reports: show(month, reports),
    )


def _one_or_all(force: str | None, all_forces: bool) -> None:
    if force and all_forces:
        _fail(AssuranceError("give either --force or --all-forces, not both"))


@app.command()
def measures(
    month: Month, force: Force = None, all_forces: AllForces = False, as_json: AsJson = False
) -> None:
    """Every measure for a month: value, interval, target, series and breakdowns."""
    _one_or_all(force, all_forces)
    if all_forces:
        from assurance.measures import measures_for_forces
        from assurance.measures.render import print_forces_measures
        from assurance.measures.report import forces_json

        _all_forces_report(measures_for_forces, month, as_json, forces_json, print_forces_measures)
        return
    from assurance.measures import measures_report
    from assurance.measures.render import print_measures

    _report(measures_report, month, force, as_json, print_measures)


@app.command()
def findings(
    month: Month, force: Force = None, all_forces: AllForces = False, as_json: AsJson = False
) -> None:
    """The findings for a month, in plain English, with their evidence."""
    _one_or_all(force, all_forces)
    if all_forces:
        from assurance.findings import findings_for_forces
        from assurance.findings.render import print_forces_findings
        from assurance.findings.report import forces_json

        _all_forces_report(findings_for_forces, month, as_json, forces_json, print_forces_findings)
        return
    from assurance.findings import findings_report
    from assurance.findings.render import print_findings

    _report(findings_report, month, force, as_json, print_findings)


@app.command()
def pack(
    month: Month,
    force: Force = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder (default: <data dir>/packs/<force>/<month>)."),
    ] = None,
) -> None:
    """Build the monthly assurance pack: pack.html, pack.pdf and pack.xlsx."""
    from assurance.console import out as console
    from assurance.console import progress_bar
    from assurance.pack.build import build_pack

    try:
        with progress_bar() as progress:
            result = build_pack(_settings(), month, force, out, progress)
    except AssuranceError as exc:
        _fail(exc)
        return
    console.print(
        f"Built the {result.month} pack for {result.force} in {result.total:.1f} s: "
        f"{result.findings} findings, {result.charts} charts"
    )
    for path in (result.html, result.pdf, result.xlsx):
        console.print(f"  {path}")


@app.command()
def demo(
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Empty the data folder first (a clean demo instance).")
    ] = False,
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic data.")] = 2016,
    serve_app: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Start the web app at the end.")
    ] = True,
    port: Annotated[int, typer.Option(help="Port for the web app.")] = 8000,
) -> None:
    """The demo: generate the synthetic West Mercia force and its peers, ingest them, build the
    May 2016 pack, record the May 2016 meeting and its actions, and serve it all."""
    from assurance.console import out as console
    from assurance.console import print_delivery, progress_bar
    from assurance.demo import generate as make
    from assurance.ingest.run import ingest as run_ingest
    from assurance.ingest.run import reset
    from assurance.pack.build import build_pack

    settings = _settings()
    if fresh:
        reset(settings)
    delivery = settings.data_dir / "demo-delivery"
    try:
        console.rule("1. Generate the synthetic force (West Mercia and seven peers)")
        with progress_bar() as progress:
            made = make(delivery, seed=seed, peers=True, progress=progress)
        console.print(f"{made.total_rows:,} rows for {len(made.forces)} forces in {delivery}")
        console.rule("2. Ingest")
        with progress_bar() as progress:
            [result] = run_ingest(settings, [delivery], progress=progress)
        print_delivery(result)
        console.rule("3. Record the May 2016 meeting and the demo accounts")
        from assurance.web.server import prepare_demo

        passwords = prepare_demo(settings)
        console.rule("4. Build the May 2016 assurance pack")
        with progress_bar() as progress:
            built = build_pack(settings, "2016-05", "west-mercia", None, progress)
        console.print(f"{built.findings} findings, {built.charts} charts in {built.total:.1f} s")
        for path in (built.html, built.pdf, built.xlsx):
            console.print(f"  {path}")
    except AssuranceError as exc:
        _fail(exc)
        return
    if passwords:
        console.rule("Demo accounts (shown once)")
        for user, password in passwords.items():
            console.print(f"  {user:<12} {password}")
    else:
        console.print("Demo accounts already exist; their passwords were shown when made.")
    if serve_app:
        from assurance.web.server import serve as run_server

        console.rule("5. Serve")
        run_server(
            settings,
            host="127.0.0.1",
            port=port,
            on_ready=lambda url: console.print(
                f"Assurance is at {url} - the May 2016 pack is at "
                f"{url.rstrip('/')}/packs/west-mercia/2016-05/ (Ctrl+C to stop)"
            ),
        )


@app.command()
def rebuild() -> None:
    """Recreate the warehouse from the kept deliveries alone."""
    from assurance.console import out, progress_bar
    from assurance.ingest.run import rebuild as run_rebuild

    settings = _settings()
    try:
        with progress_bar() as progress:
            results = run_rebuild(settings, progress)
    except AssuranceError as exc:
        _fail(exc)
        return
    rows = sum(f.inserted + f.updated for r in results for f in r.files)
    out.print(f"Rebuilt the warehouse from {len(results)} kept deliveries ({rows:,} rows).")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0 for any free port).")] = 8000,
) -> None:
    """Serve the web app: packs, meetings and actions, behind sign-in."""
    from assurance.console import out as console
    from assurance.web.server import serve as run_server

    try:
        run_server(
            _settings(),
            host=host,
            port=port,
            on_ready=lambda url: console.print(f"Assurance is at {url} (Ctrl+C to stop)"),
        )
    except AssuranceError as exc:
        _fail(exc)


def _register_subcommands() -> None:
    from assurance.web.meetings.commands import actions_app, meeting_app

    app.add_typer(meeting_app, name="meeting", help="Record assurance meetings; write minutes.")
    app.add_typer(actions_app, name="actions", help="Follow the actions arising to closure.")


_register_subcommands()

if __name__ == "__main__":  # pragma: no cover
    app()
