"""Ingest speed and memory, against DuckDB's bare read_csv of the same files.

    .venv/bin/python benchmarks/ingest.py [--national-forces 43] [--skip-national] [--repeat N]

Cases:
- a West Mercia-size year (the demo force, June 2015 to May 2016, no peers);
- national scale (43 synthetic forces, January 2012 to May 2016: over 10 million incidents).

For each: the full ``assurance ingest`` (validate every value, load in one transaction into a
fresh DuckDB warehouse, keep the delivery with checksums) and, in the same process, the
baseline: DuckDB's ``read_csv`` of the same files into a fresh DuckDB file with nothing
checked. Figures: rows, wall time, rows per second, peak resident memory of the process
during the run (sampled every 20 ms), and the ratio of speeds. With ``--repeat N`` the two
runs alternate N times and the fastest of each is compared (on a shared machine the load
changes between runs; the best of several is the fairer figure). Targets (from the issue): the
year under 5 s; national at no less than a third of the baseline's speed, under 2 GB.
Generated data is cached in benchmarks/out/.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))

from assurance.config import Settings
from assurance.ingest.run import ingest
from common import Measured, demo_data, measure, mib


def baseline(folder: Path, work: Path) -> int:
    """DuckDB's bare read_csv of every file into a fresh database file; rows read."""
    con = duckdb.connect(str(work / "baseline.duckdb"), config={"memory_limit": "1GB"})
    rows = 0
    for path in sorted(folder.glob("*.csv")):
        con.execute(f"CREATE TABLE {path.stem} AS SELECT * FROM read_csv('{path}')")
        rows += con.execute(f"SELECT count(*) FROM {path.stem}").fetchall()[0][0]
    con.close()
    return int(rows)


def assurance_ingest(folder: Path, work: Path) -> int:
    settings = Settings(data_dir=work / "data", memory_limit="1GB")
    [result] = ingest(settings, [folder])
    assert all(f.balanced for f in result.files)
    return sum(f.inserted for f in result.files)


def run_case(name: str, folder: Path, repeat: int = 1) -> None:
    size = sum(p.stat().st_size for p in folder.glob("*.csv"))
    print(f"\n== {name}: {folder} ({size / 2**20:,.0f} MiB of CSV)")
    results: dict[str, Measured] = {}
    for _ in range(repeat):
        for label, work_fn in (
            ("baseline read_csv", baseline),
            ("assurance ingest", assurance_ingest),
        ):
            work = Path(tempfile.mkdtemp(prefix="assurance-bench-"))
            try:
                gc.collect()
                m = measure(lambda w=work, f=work_fn: f(folder, w))
            finally:
                shutil.rmtree(work, ignore_errors=True)
            print(
                f"{label:<20} {m.result:>12,} rows {m.seconds:8.2f} s "
                f"{m.result / m.seconds:>12,.0f} rows/s   peak {mib(m.peak_bytes)}",
                flush=True,
            )
            best = results.get(label)
            if best is None or m.seconds < best.seconds:
                results[label] = Measured(
                    m.seconds, max(m.peak_bytes, getattr(best, "peak_bytes", 0)), m.result
                )
    base, ours = results["baseline read_csv"], results["assurance ingest"]
    if repeat > 1:
        print(
            f"best of {repeat}: baseline {base.seconds:.2f} s, assurance {ours.seconds:.2f} s "
            f"(peak memory: the highest of the runs)"
        )
    ratio = (ours.result / ours.seconds) / (base.result / base.seconds)
    print(f"speed ratio (assurance / bare read_csv): {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--national-forces", type=int, default=43)
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="alternate runs, keep the best")
    args = parser.parse_args()
    year = demo_data("west-mercia-year", seed=1, start="2015-06", end="2016-05")
    run_case("West Mercia, one year", year, args.repeat)
    if not args.skip_national:
        national = demo_data(
            f"national-{args.national_forces}",
            seed=1,
            scale="national",
            national_forces=args.national_forces,
        )
        run_case(f"national scale, {args.national_forces} forces", national, args.repeat)


if __name__ == "__main__":
    main()
