"""Measures and findings: time, peak memory, a pandas comparison, and the null false-finding rate.

    python benchmarks/measures.py prepare [--dir DIR]      generate and ingest the two cases
    python benchmarks/measures.py run [--dir DIR]          time and memory, case by case
    python benchmarks/measures.py null [--seeds 8]         findings with nothing planted

Cases: the demo force (West Mercia and its seven peers) and national scale (43 synthetic
forces), each with five years of history (June 2011 to May 2016), reported for May 2016.
Every measurement runs in a fresh subprocess: peak memory is the process's maximum resident set
(``resource.getrusage``), which includes DuckDB's own memory, unlike ``tracemalloc``. Imports
happen before the clock starts. The pandas comparison computes the same core aggregates (each
source table's monthly and breakdown sums for the force, the peers' 12-month sums, attendance
quantiles) with a straightforward pandas program on DataFrames read from the same warehouse.

Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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


def case_engine(folder: Path) -> dict[str, Any]:
    import statsmodels.tsa.exponential_smoothing.ets  # noqa: F401  (imports before the clock)

    from assurance.findings import findings_report

    settings = _settings(folder)
    before = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    report = findings_report(settings, MONTH)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak = _peak_mb()
    started = time.perf_counter()
    findings_report(settings, MONTH)  # again, warm: as in a long-running process (web app)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "warm_seconds": time.perf_counter() - started,
        "peak_mb": peak,
        "peak_mb_before": before,
        "force": report.force,
        "measures": len(report.measures.results),
        "findings": len(report),
        "tests": report.evaluation.tests,
    }


def case_compare(folder: Path) -> dict[str, Any]:
    """Engine core aggregates and the pandas program, one after the other, in one process."""
    from assurance.measures import compute
    from assurance.measures.report import default_force
    from assurance.warehouse import connect

    with connect(_settings(folder)) as warehouse:
        force = default_force(warehouse)
        started = time.perf_counter()
        compute(warehouse, force, MONTH)
        engine = time.perf_counter() - started
        loaded, frames = _pandas_load(warehouse, force)
    started = time.perf_counter()
    _pandas_aggregates(frames, force)
    pandas_compute = time.perf_counter() - started
    return {
        "engine_seconds": engine,
        "pandas_load_seconds": loaded,
        "pandas_compute_seconds": pandas_compute,
        "rows_loaded": sum(len(f) for f in frames.values()),
    }


def case_pandas(folder: Path) -> dict[str, Any]:
    from assurance.measures.report import default_force
    from assurance.warehouse import connect

    before = _peak_mb()
    started = time.perf_counter()
    with connect(_settings(folder)) as warehouse:
        _, frames = _pandas_load(warehouse, default_force(warehouse))
        force = default_force(warehouse)
    _pandas_aggregates(frames, force)
    return {
        "seconds": time.perf_counter() - started,
        "peak_mb": _peak_mb(),
        "peak_mb_before": before,
    }


# --- the pandas program ------------------------------------------------------------------

TABLES = {
    "incidents": "force, area_code, opened_at, grade, opening_category, setting, arrived_at, "
    "crime_ref, incident_ref",
    "crimes": "force, area_code, crime_ref, reported_at, recorded_at, offence_group, status, "
    "cancelled_at, cancel_authority",
    "outcomes": "force, crime_ref, outcome_code, outcome_at",
    "survey_responses": "force, area_code, interviewed_on, survey_group, ease_of_contact, "
    "actions_taken, kept_informed, treatment, whole_experience",
    "audits": "force, incident_ref, audited_on, crime_required, crime_recorded, "
    "classified_correctly, recorded_within_24h, offence_group",
    "disposals": "force, crime_ref, disposal_type, issued_on, audited_on, audit_result",
}


DATES = {
    "incidents": "opened_at",
    "crimes": "recorded_at",
    "outcomes": "outcome_at",
    "survey_responses": "interviewed_on",
    "audits": "audited_on",
    "disposals": "issued_on",
}


def _pandas_load(warehouse: Any, force: str) -> tuple[float, dict[str, Any]]:
    """Read the force's rows (five years) and its peers' rows (the 12-month window) into pandas,
    filtering in the SQL as a pandas user would."""
    peers = [
        r[0] for r in warehouse.fetchall("SELECT peer_force FROM peers WHERE force = ?", [force])
    ]
    names = ", ".join(f"'{f}'" for f in peers) or "''"
    started = time.perf_counter()
    frames = {
        t: warehouse.staging.sql(
            f"SELECT {cols} FROM {t} WHERE force = '{force}' OR (force IN ({names}) "
            f"AND {DATES[t]} >= DATE '2015-05-31')"
        ).df()
        for t, cols in TABLES.items()
    }
    return time.perf_counter() - started, frames


def _local(ts: Any) -> Any:
    return ts.dt.tz_localize("UTC").dt.tz_convert("Europe/London").dt.tz_localize(None)


def _pandas_aggregates(f: dict[str, Any], force: str) -> dict[str, Any]:
    import numpy as np
    import pandas as pd

    end = pd.Timestamp(MONTH + "-01") + pd.offsets.MonthBegin(1)
    y, m = (int(x) for x in MONTH.split("-"))
    key = y * 12 + m - 1
    out: dict[str, Any] = {}
    own = {t: d[d["force"] == force] for t, d in f.items()}

    inc = own["incidents"]
    inc = inc[inc["grade"].isin(["emergency", "priority"]) | (inc["opening_category"] == "crime")]
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
        converted=(inc["opening_category"] == "crime") & inc["crime_ref"].notna(),
    )
    out["incidents"] = inc.groupby(["month", "area_code", "setting", "hour", "changeover"]).agg(
        emergency=("emergency", "sum"), within=("within", "sum"),
        priority=("priority_within", "sum"), converted=("converted", "sum"),
        seconds=("seconds", "sum"),
    )  # fmt: skip
    arrived = inc[inc["emergency"] & inc["seconds"].notna()]
    out["median_series"] = arrived.groupby("month")["seconds"].quantile([0.5, 0.9])
    window = arrived[arrived["month"] > key - 12]
    for dim in ("area_code", "setting", "hour", "changeover"):
        out[f"quantiles_{dim}"] = window.groupby(dim)["seconds"].quantile([0.5, 0.9])

    crimes = own["crimes"]
    rec = _local(crimes["recorded_at"])
    crimes = crimes.assign(
        month=rec.dt.year * 12 + rec.dt.month - 1,
        recorded=crimes["status"] == "recorded",
        within=(crimes["recorded_at"] - crimes["reported_at"]).dt.total_seconds() <= 86400,
    )
    crimes = crimes[(rec < end) & (crimes["month"] > key - HISTORY)]
    out["crimes"] = crimes.groupby(["month", "area_code", "offence_group"]).agg(
        recorded=("recorded", "sum"), any=("recorded", "size"), within=("within", "sum")
    )
    canc = own["crimes"][own["crimes"]["status"] == "cancelled"]
    cl = _local(canc["cancelled_at"])
    out["cancellations"] = (
        canc.assign(month=cl.dt.year * 12 + cl.dt.month - 1)
        .groupby(["month", "area_code", "offence_group"])
        .size()
    )

    dims = own["crimes"][["crime_ref", "area_code", "offence_group"]]
    outc = own["outcomes"].merge(dims, on="crime_ref")
    outc = outc.assign(month=outc["outcome_at"].dt.year * 12 + outc["outcome_at"].dt.month - 1)
    code = outc["outcome_code"]
    outc = outc.assign(
        charge=code.isin(["1", "1A"]),
        positive=code.isin(["1", "1A", "2", "3", "4", "5", "6", "7", "8"]),
        cr=code == "8",
        nosus=code == "18",
    )
    out["outcomes"] = outc.groupby(["month", "area_code", "offence_group"])[
        ["charge", "positive", "cr", "nosus"]].sum()  # fmt: skip

    disp = own["disposals"].merge(dims, on="crime_ref", how="left")
    issued = pd.to_datetime(disp["issued_on"])
    disp = disp.assign(month=issued.dt.year * 12 + issued.dt.month - 1,
                       cr=disp["disposal_type"] == "community-resolution")  # fmt: skip
    disp = disp.assign(audited=disp["cr"] & disp["audited_on"].notna())
    out["disposals"] = disp.groupby(["month", "area_code", "offence_group"])[
        ["cr", "audited"]
    ].sum()

    aud = own["audits"].merge(
        own["incidents"][["incident_ref", "area_code"]], on="incident_ref", how="left"
    )
    on = pd.to_datetime(aud["audited_on"])
    aud = aud.assign(month=on.dt.year * 12 + on.dt.month - 1,
                     ok=aud["crime_required"] & aud["crime_recorded"])  # fmt: skip
    out["audits"] = aud.groupby(["month", "area_code", "offence_group"], dropna=False).agg(
        required=("crime_required", "sum"), ok=("ok", "sum")
    )
    sur = own["survey_responses"]
    on = pd.to_datetime(sur["interviewed_on"])
    sur = sur.assign(month=on.dt.year * 12 + on.dt.month - 1)
    stages = ["ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience"]
    sat = sur[stages].le(3)
    out["survey"] = pd.concat([sur[["month", "area_code", "survey_group"]], sat], axis=1).groupby(
        ["month", "area_code", "survey_group"]).sum()  # fmt: skip
    # the peers: 12-month totals per force
    first = pd.Timestamp(MONTH + "-01") - pd.offsets.MonthBegin(11)
    for t, column in (("incidents", "opened_at"), ("crimes", "recorded_at")):
        d = f[t][f[t]["force"] != force]
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


def _subprocess(kind: str, folder: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "case", kind, str(folder)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(base: Path) -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    for name in CASES:
        folder = base / name
        if not (folder / "warehouse.duckdb").exists():
            print(f"{name}: not prepared (run: python benchmarks/measures.py prepare)")
            continue
        engine = min((_subprocess("engine", folder) for _ in range(3)), key=lambda r: r["seconds"])
        pandas = _subprocess("pandas", folder)
        same = _subprocess("compare", folder)
        total = same["pandas_load_seconds"] + same["pandas_compute_seconds"]
        lines = [
            f"{name} ({engine['force']}, {engine['measures']} measures, {engine['findings']} "
            f"findings from {engine['tests']} tests):",
            f"  measures and findings: {engine['seconds']:.2f} s wall, "
            f"{engine['cpu_seconds']:.2f} s CPU (fresh process; {engine['warm_seconds']:.2f} s "
            f"when run again in it); peak memory {engine['peak_mb']:.0f} MB "
            f"({engine['peak_mb_before']:.0f} MB after imports)",
            f"  pandas, same aggregates: {pandas['seconds']:.2f} s, "
            f"peak {pandas['peak_mb']:.0f} MB ({pandas['peak_mb_before']:.0f} MB after imports)",
            f"  same process: engine {same['engine_seconds']:.2f} s; pandas load "
            f"{same['pandas_load_seconds']:.2f} s + compute {same['pandas_compute_seconds']:.2f} s "
            f"({same['rows_loaded']:,} rows)",
            f"  pandas / engine: {total / same['engine_seconds']:.1f}x "
            f"(compute alone {same['pandas_compute_seconds'] / same['engine_seconds']:.1f}x)",
        ]
        print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["prepare", "run", "null", "case"])
    parser.add_argument("rest", nargs="*")
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "assurance-bench"))
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--start", default="2013-06", help="first month of the null runs")
    args = parser.parse_args()
    base = Path(args.dir)
    if args.command == "prepare":
        prepare(base)
    elif args.command == "run":
        run(base)
    elif args.command == "null":
        null_runs(args.seeds, args.start)
    else:
        kind, folder = args.rest
        result = {"engine": case_engine, "pandas": case_pandas, "compare": case_compare}[kind](
            Path(folder)
        )
        print(json.dumps(result))


if __name__ == "__main__":
    main()
