"""Terminal output for the CLI: summary tables and progress bars (rich), on stderr/stdout."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assurance.ingest.pipeline import Progress as ProgressCallback
from assurance.ingest.problems import MAX_SHOWN
from assurance.ingest.summary import DeliverySummary

out = Console()
err = Console(stderr=True)


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr; yields the callback the library code calls."""
    if not enabled:
        yield None
        return
    with Progress(
        TextColumn("{task.description:<40}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("starting", total=1)

        def update(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)

        yield update


def delivery_table(summary: DeliverySummary) -> Table:
    title = (
        f"Delivery {summary.delivery_id}"
        if summary.loaded and summary.delivery_id
        else "Delivery refused: nothing was loaded"
        if not summary.loaded
        else "Delivery"
    )
    table = Table(title=title, title_justify="left")
    table.add_column("file", overflow="fold")
    for name in ("read", "inserted", "updated", "unchanged", "rejected"):
        # counts are never cut short: the names of files and kinds wrap instead
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    totals = [0, 0, 0, 0, 0]
    for f in summary.files:
        counts = [f.read, f.inserted, f.updated, f.unchanged, f.rejected]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        name = Path(f.path).name
        label = name if Path(name).stem == f.kind else f"{name}\n({f.kind})"
        table.add_row(label, *(f"{c:,}" for c in counts))
    table.add_section()
    table.add_row("total", *(f"{c:,}" for c in totals))
    return table


def print_delivery(summary: DeliverySummary) -> None:
    out.print(delivery_table(summary))
    for f in summary.files:
        for warning in f.warnings:
            out.print(f"[yellow]warning[/] {Path(f.path).name}: {warning}")
    for note in summary.notes:
        out.print(note)
    if summary.kept_as:
        out.print(f"Kept as received in {summary.kept_as}")
    for path in summary.quarantine:
        out.print(f"Rejected rows, with their reasons: {path}")


def print_problems(summary: DeliverySummary) -> None:
    shown = 0
    for f in summary.files:
        for problem in f.errors:
            if shown >= MAX_SHOWN:
                return
            err.print(f"  - {problem.sentence()}", highlight=False, markup=False)
            shown += 1
