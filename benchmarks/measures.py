"""Measures and findings: time, peak memory, a pandas comparison, and the null false-finding rate.

    python benchmarks/measures.py prepare [--dir DIR]      generate and ingest the two cases
    python benchmarks/measures.py run [--dir DIR] [--runs 3]   time and memory, case by case
    python benchmarks/measures.py null [--seeds 8]         findings with nothing planted

Cases, each with five years of history (June 2011 to May 2016), reported for May 2016:

* ``demo``: the demo force (West Mercia) with its seven peers: every measure and finding of
  the one force the warehouse has a plan for (``findings_report``).
* ``national``: 43 synthetic forces: every measure and every finding of *every* force
  (``findings_for_forces``: one set of engine queries for all of them, then each force
  judged with its own peers and plan targets).

Every measurement runs in a fresh subprocess: peak memory is the process's maximum resident set
(``resource.getrusage``), which includes DuckDB's own memory, unlike ``tracemalloc``. Imports
(Ibis and its DuckDB backend, statsmodels) happen before the clock starts; their time is
printed beside. The pandas comparison computes the same core aggregates (each source table's
monthly and breakdown sums for every force reported on, the peers' 12-month sums, attendance
quantiles; grouped by force) with a straightforward pandas program on DataFrames read from the
same warehouse, filtering rows in the SQL as a pandas user would; the ratio is taken against
the engine's measures for the same forces, run in the same process.

Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MONTH = "2016-05"
START = "2011-06"
CASES = {"demo": "force", "national": "national"}
#: Which forces each case reports on: the one with a plan, or every force.
SCOPES = {"demo": "one", "national": "all"}
HISTORY = 36  # months in each series: the default of the measures (HISTORY_MONTHS)


def _settings(folder: Path) -> Any:
    from assurance.config import Settings

    return Settings(data_dir=folder, memory_limit="4GB")


def prepare(base: Path) -> None:
    from assurance.demo import generate
    from assurance.ingest.run import ingest

    for name, scale in CASES.items():
        target = base / name
        if (target / "warehouse.duckdb").exists():
            print(f"{name}: already prepared in {target}")
            continue
        delivery = base / f"{name}-delivery"
        started = time.perf_counter()
        generate(delivery, seed=2016, start=START, end=MONTH, peers=True, scale=scale)
        ingest(_settings(target), [delivery])
        shutil.rmtree(delivery)
        print(f"{name}: prepared in {time.perf_counter() - started:.0f} s")


# --- one case in this process -----------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _import_engine() -> float:
    """Import what a run needs (before the clock); the seconds it took."""
    started = time.perf_counter()
    import ibis
    import statsmodels.tsa.exponential_smoothing.ets  # noqa: F401

    import assurance.findings  # noqa: F401

    ibis.duckdb  # noqa: B018  (the backend module loads on first use)
    return time.perf_counter() - started


def _findings(folder: Path, scope: str) -> list[Any]:
    """Every finding of the case, one report a force."""
    from assurance.findings import findings_for_forces, findings_report

    settings = _settings(folder)
    if scope == "all":
        return list(findings_for_forces(settings, MONTH).values())
    return [findings_report(settings, MONTH)]


def case_engine(folder: Path, scope: str, warm: bool) -> dict[str, Any]:
    imports = _import_engine()
    before = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    reports = _findings(folder, scope)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak = _peak_mb()
    warm_seconds = None
    if warm:  # again, as in a long-running process (web app)
        started = time.perf_counter()
        _findings(folder, scope)
        warm_seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "warm_seconds": warm_seconds,
        "imports_seconds": imports,
        "peak_mb": peak,
        "peak_mb_before": before,
        "forces": [r.force for r in reports],
        "measures": sum(len(r.measures.results) for r in reports),
        "findings": sum(len(r) for r in reports),
        "tests": sum(r.evaluation.tests for r in reports),
    }


def _chosen(warehouse: Any, scope: str) -> tuple[str, ...]:
    from assurance.measures.compute import forces_with_areas
    from assurance.measures.report import default_force

    return forces_with_areas(warehouse) if scope == "all" else (default_force(warehouse),)


def case_compare(folder: Path, scope: str) -> dict[str, Any]:
    """Engine core aggregates and the pandas program, one after the other, in one process."""
    _import_engine()
    from assurance.measures import compute_forces
    from assurance.warehouse import connect

    with connect(_settings(folder)) as warehouse:
        forces = _chosen(warehouse, scope)
        started = time.perf_counter()
        compute_forces(warehouse, forces, MONTH)
        engine = time.perf_counter() - started
        loaded, frames = _pandas_load(warehouse, forces)
    started = time.perf_counter()
    _pandas_aggregates(frames, forces)
    pandas_compute = time.perf_counter() - started
    return {
        "engine_seconds": engine,
        "pandas_load_seconds": loaded,
        "pandas_compute_seconds": pandas_compute,
        "rows_loaded": sum(len(f) for f in frames.values()),
    }


def case_pandas(folder: Path, scope: str) -> dict[str, Any]:
    import pandas  # noqa: F401

    from assurance.warehouse import connect

    before = _peak_mb()
    started = time.perf_counter()
    with connect(_settings(folder)) as warehouse:
        forces = _chosen(warehouse, scope)
        _, frames = _pandas_load(warehouse, forces)
    _pandas_aggregates(frames, forces)
    return {
        "seconds": time.perf_counter() - started,
        "peak_mb": _peak_mb(),
        "peak_mb_before": before,
    }


# --- the pandas program ------------------------------------------------------------------

#: The columns each table's aggregates need; ``{first}``: a day before the first month of the
#: series (local months start up to an hour before UTC ones).
TABLES = {
    "incidents": (
        "force, area_code, opened_at, grade, opening_category, setting, arrived_at, "
        "crime_ref IS NOT NULL AS has_crime",
        "opened_at >= DATE '{first}' AND (grade IN ('emergency', 'priority') "
        "OR opening_category = 'crime')",
    ),
    "crimes": (
        "force, area_code, crime_ref, reported_at, recorded_at, offence_group, status, "
        "cancelled_at, cancel_authority",
        "TRUE",  # every crime: outcomes and disposals take the area and group of older ones
    ),
    "outcomes": ("force, crime_ref, outcome_code, outcome_at", "outcome_at >= DATE '{first}'"),
    "survey_responses": (
        "force, area_code, interviewed_on, survey_group, ease_of_contact, actions_taken, "
        "kept_informed, treatment, whole_experience",
        "interviewed_on >= DATE '{first}'",
    ),
    "audits": (
        "force, incident_ref, audited_on, crime_required, crime_recorded, "
        "classified_correctly, recorded_within_24h, offence_group",
        "audited_on >= DATE '{first}'",
    ),
    "disposals": (
        "force, crime_ref, disposal_type, issued_on, audited_on, audit_result",
        "issued_on >= DATE '{first}'",
    ),
    "audited_incidents": (  # the area of each audited incident, however old
        "force, incident_ref, area_code",
        "incident_ref IN (SELECT incident_ref FROM audits WHERE audited_on >= DATE '{first}')",
    ),
}
PEER_DATES = {"incidents": "opened_at", "crimes": "recorded_at"}


def _month_key(text: str) -> int:
    year, month = (int(x) for x in text.split("-"))
    return year * 12 + month - 1


def _pandas_load(warehouse: Any, forces: tuple[str, ...]) -> tuple[float, dict[str, Any]]:
    """Read the rows the aggregates need into pandas: the reported forces' rows for the series
    (every crime, for the areas and groups of outcomes and disposals), and the peers' rows for
    the 12-month window."""
    marks = ", ".join("?" for _ in forces)
    peers = sorted(
        {
            str(r[0])
            for r in warehouse.fetchall(
                f"SELECT peer_force FROM peers WHERE force IN ({marks})", list(forces)
            )
        }
        - set(forces)
    )
    key = _month_key(MONTH) - HISTORY + 1
    first = f"{key // 12:04d}-{key % 12 + 1:02d}-01"
    names = ", ".join(f"'{f}'" for f in forces)
    started = time.perf_counter()
    frames = {}
    for table, (columns, where) in TABLES.items():
        source = "incidents" if table == "audited_incidents" else table
        condition = where.format(first=first)
        sql = f"SELECT {columns} FROM {source} WHERE force IN ({names}) AND {condition}"
        frames[table] = warehouse.staging.sql(sql).df()
    for table, column in PEER_DATES.items():
        if peers:
            columns = TABLES[table][0]
            others = ", ".join(f"'{f}'" for f in peers)
            sql = (
                f"SELECT {columns} FROM {table} WHERE force IN ({others}) "
                f"AND {column} >= DATE '2015-05-31'"
            )
            frames[f"peer_{table}"] = warehouse.staging.sql(sql).df()
    return time.perf_counter() - started, frames


def _local(ts: Any) -> Any:
    return ts.dt.tz_localize("UTC").dt.tz_convert("Europe/London").dt.tz_localize(None)


def _month_of(dates: Any) -> Any:
    import pandas as pd

    stamps = pd.to_datetime(dates)
    return stamps.dt.year * 12 + stamps.dt.month - 1


def _pandas_aggregates(f: dict[str, Any], forces: tuple[str, ...]) -> dict[str, Any]:
    import numpy as np
    import pandas as pd

    end = pd.Timestamp(MONTH + "-01") + pd.offsets.MonthBegin(1)
    key = _month_key(MONTH)
    out: dict[str, Any] = {}
    keys = ["force", "month", "area_code"]

    inc = f["incidents"]
    local = _local(inc["opened_at"])
    inc = inc.assign(
        month=local.dt.year * 12 + local.dt.month - 1,
        hour=local.dt.hour,
        minute=local.dt.hour * 60 + local.dt.minute,
        seconds=(inc["arrived_at"] - inc["opened_at"]).dt.total_seconds(),
    )
    inc = inc[(local < end) & (inc["month"] > key - HISTORY)]
    inc = inc.assign(
        changeover=inc["minute"].between(420, 479)
        | inc["minute"].between(900, 959)
        | inc["minute"].between(1320, 1379),
        emergency=inc["grade"] == "emergency",
        within=(inc["grade"] == "emergency")
        & (inc["seconds"] <= np.where(inc["setting"] == "rural", 1200, 900)),
        priority_within=(inc["grade"] == "priority") & (inc["seconds"] <= 3600),
        converted=(inc["opening_category"] == "crime") & inc["has_crime"],
    )
    out["incidents"] = inc.groupby([*keys, "setting", "hour", "changeover"]).agg(
        emergency=("emergency", "sum"), within=("within", "sum"),
        priority=("priority_within", "sum"), converted=("converted", "sum"),
        seconds=("seconds", "sum"),
    )  # fmt: skip
    arrived = inc[inc["emergency"] & inc["seconds"].notna()]
    out["median_series"] = arrived.groupby(["force", "month"])["seconds"].quantile([0.5, 0.9])
    window = arrived[arrived["month"] > key - 12]
    for dim in ("area_code", "setting", "hour", "changeover"):
        out[f"quantiles_{dim}"] = window.groupby(["force", dim])["seconds"].quantile([0.5, 0.9])

    every = f["crimes"]
    rec = _local(every["recorded_at"])
    crimes = every.assign(
        month=rec.dt.year * 12 + rec.dt.month - 1,
        recorded=every["status"] == "recorded",
        within=(every["recorded_at"] - every["reported_at"]).dt.total_seconds() <= 86400,
    )
    crimes = crimes[(rec < end) & (crimes["month"] > key - HISTORY)]
    out["crimes"] = crimes.groupby([*keys, "offence_group"]).agg(
        recorded=("recorded", "sum"), any=("recorded", "size"), within=("within", "sum")
    )
    canc = every[every["status"] == "cancelled"]
    cl = _local(canc["cancelled_at"])
    out["cancellations"] = (
        canc.assign(month=cl.dt.year * 12 + cl.dt.month - 1)
        .groupby([*keys, "offence_group"])
        .size()
    )

    dims = every[["force", "crime_ref", "area_code", "offence_group"]]
    outc = f["outcomes"].merge(dims, on=["force", "crime_ref"])
    code = outc["outcome_code"]
    outc = outc.assign(
        month=_month_of(outc["outcome_at"]),
        charge=code.isin(["1", "1A"]),
        positive=code.isin(["1", "1A", "2", "3", "4", "5", "6", "7", "8"]),
        cr=code == "8",
        nosus=code == "18",
    )
    out["outcomes"] = outc.groupby([*keys, "offence_group"])[
        ["charge", "positive", "cr", "nosus"]].sum()  # fmt: skip

    disp = f["disposals"].merge(dims, on=["force", "crime_ref"], how="left")
    disp = disp.assign(month=_month_of(disp["issued_on"]),
                       cr=disp["disposal_type"] == "community-resolution")  # fmt: skip
    disp = disp.assign(audited=disp["cr"] & disp["audited_on"].notna())
    out["disposals"] = disp.groupby([*keys, "offence_group"], dropna=False)[["cr", "audited"]].sum()

    aud = f["audits"].merge(f["audited_incidents"], on=["force", "incident_ref"], how="left")
    aud = aud.assign(month=_month_of(aud["audited_on"]),
                     ok=aud["crime_required"] & aud["crime_recorded"])  # fmt: skip
    out["audits"] = aud.groupby([*keys, "offence_group"], dropna=False).agg(
        required=("crime_required", "sum"), ok=("ok", "sum")
    )
    sur = f["survey_responses"]
    sur = sur.assign(month=_month_of(sur["interviewed_on"]))
    stages = ["ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience"]
    sat = sur[stages].le(3)
    out["survey"] = pd.concat([sur[[*keys, "survey_group"]], sat], axis=1).groupby(
        [*keys, "survey_group"]).sum()  # fmt: skip
    # the peers: 12-month totals per force (the reported forces' own, and any other peer's)
    first = pd.Timestamp(MONTH + "-01") - pd.offsets.MonthBegin(11)
    for t, column in PEER_DATES.items():
        d = pd.concat([f[t], f.get(f"peer_{t}", f[t].iloc[:0])])
        out[f"peers_{t}"] = d[(d[column] >= first) & (d[column] < end)].groupby("force").size()
    return out


# --- the false-finding rate with nothing planted ----------------------------------------


def null_runs(seeds: int, start: str) -> None:
    from assurance.demo import generate
    from assurance.findings import findings_report
    from assurance.ingest.run import ingest

    total, months_with, tests = 0, 0, 0
    for seed in range(1, seeds + 1):
        with tempfile.TemporaryDirectory(prefix="assurance-null-") as tmp:
            root = Path(tmp)
            generate(root / "d", seed=seed, start=start, end=MONTH, peers=True, signals=False)
            settings = _settings(root / "data")
            ingest(settings, [root / "d"])
            report = findings_report(settings, MONTH)
        found = [(f.kind, f.measure, f.scope.label) for f in report]
        total += len(found)
        months_with += bool(found)
        tests += report.evaluation.tests
        print(f"seed {seed}: {len(found)} findings from {report.evaluation.tests} tests {found}")
        sys.stdout.flush()
    print(
        f"null: {total} findings in {seeds} months ({total / seeds:.2f} a month); "
        f"{months_with} of {seeds} months with any; {total / tests:.4%} of {tests} tests"
    )


# --- driver ------------------------------------------------------------------------------


def _subprocess(kind: str, folder: Path, scope: str, *flags: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "case", kind, str(folder), scope, *flags],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.2f}"


def _spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.2f} s"
    return (
        f"best {min(values):.2f} s, median {statistics.median(values):.2f}, worst {max(values):.2f}"
    )


def _engine_lines(name: str, runs: list[dict[str, Any]]) -> list[str]:
    best = min(runs, key=lambda r: r["seconds"])
    forces = best["forces"]
    who = forces[0] if len(forces) == 1 else f"{len(forces)} forces"
    lines = [
        f"{name} ({who}: {best['measures']} measure results, {best['findings']} findings "
        f"from {best['tests']} tests):",
        f"  measures and findings, fresh process: {_spread([r['seconds'] for r in runs])} "
        f"({len(runs)} runs); best run {best['cpu_seconds']:.2f} s CPU; peak memory "
        f"{best['peak_mb']:.0f} MB ({best['peak_mb_before']:.0f} MB after imports, which took "
        f"{best['imports_seconds']:.2f} s before the clock)",
    ]
    warm = [r["warm_seconds"] for r in runs if r["warm_seconds"] is not None]
    if warm:
        lines.append(f"  run again in the same process (warm): {_spread(warm)}")
    return lines


def run(base: Path, runs: int) -> None:
    print(f"{_load()} before ({os.cpu_count()} cores)")
    for name in CASES:
        folder, scope = base / name, SCOPES[name]
        if not (folder / "warehouse.duckdb").exists():
            print(f"{name}: not prepared (run: python benchmarks/measures.py prepare)")
            continue
        warm = ("--warm",) if scope == "one" else ()
        engine = [_subprocess("engine", folder, scope, *warm) for _ in range(runs)]
        after_engine = _load()
        pandas = _subprocess("pandas", folder, scope)
        same = _subprocess("compare", folder, scope)
        total = same["pandas_load_seconds"] + same["pandas_compute_seconds"]
        lines = [
            *_engine_lines(name, engine),
            f"  pandas, same aggregates: {pandas['seconds']:.2f} s, "
            f"peak {pandas['peak_mb']:.0f} MB ({pandas['peak_mb_before']:.0f} MB after imports)",
            f"  same process: engine measures {same['engine_seconds']:.2f} s; pandas load "
            f"{same['pandas_load_seconds']:.2f} s + compute {same['pandas_compute_seconds']:.2f} s "
            f"({same['rows_loaded']:,} rows)",
            f"  pandas / engine: {total / same['engine_seconds']:.1f}x "
            f"(compute alone {same['pandas_compute_seconds'] / same['engine_seconds']:.1f}x)",
            f"  {after_engine} after the engine runs, {_load()} after pandas",
        ]
        print("\n".join(lines))
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["prepare", "run", "null", "case"])
    parser.add_argument("rest", nargs="*")
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "assurance-bench"))
    parser.add_argument("--runs", type=int, default=3, help="fresh-process runs of the engine")
    parser.add_argument("--warm", action="store_true", help="(case engine) run it twice")
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--start", default="2013-06", help="first month of the null runs")
    args = parser.parse_args()
    base = Path(args.dir)
    if args.command == "prepare":
        prepare(base)
    elif args.command == "run":
        run(base, args.runs)
    elif args.command == "null":
        null_runs(args.seeds, args.start)
    else:
        kind, folder, scope = args.rest
        if kind == "engine":
            result = case_engine(Path(folder), scope, args.warm)
        else:
            result = {"pandas": case_pandas, "compare": case_compare}[kind](Path(folder), scope)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
