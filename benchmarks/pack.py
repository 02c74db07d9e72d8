"""The monthly pack: time to build HTML, PDF and XLSX for the demo force, stage by stage.

    python benchmarks/pack.py [--data DIR] [--month 2016-05] [--runs 3]

The demo force (West Mercia, January 2012 to May 2016, with its seven peer forces: about 16
million rows) is generated and ingested into ``DIR`` the first time (a few minutes), then
kept. Each run builds the whole pack in a fresh subprocess, so every run pays what a real
``assurance pack`` pays (imports before the clock starts; the first chart starts vl-convert's
JavaScript engine, the first PDF loads typst's fonts). Stages: measures (the warehouse),
findings (the rules), model (the agenda, the statistics behind the charts, the chart specs),
charts (SVG by vl-convert), then rendering HTML, PDF and XLSX. The target is under 10 s.

Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "benchmarks" / "out" / "pack-demo"
STAGES = ("measures", "findings", "model", "charts", "html", "pdf", "xlsx")
TARGET_SECONDS = 10.0


def prepare(data: Path) -> None:
    from assurance.config import Settings
    from assurance.demo import generate
    from assurance.ingest.run import ingest

    if (data / "warehouse.duckdb").exists():
        return
    delivery = data.parent / f"{data.name}-delivery"
    started = time.perf_counter()
    generate(delivery, seed=2016, peers=True)
    ingest(Settings(data_dir=data), [delivery])
    shutil.rmtree(delivery)
    print(f"prepared the demo warehouse in {data} ({time.perf_counter() - started:.0f} s)")


def one_run(data: Path, month: str) -> dict[str, Any]:
    """Build the pack in this process and report the timings (the subprocess side)."""
    import statsmodels.tsa.exponential_smoothing.ets  # noqa: F401  (imports before the clock)
    import typst  # noqa: F401
    import vl_convert  # noqa: F401
    import xlsxwriter  # noqa: F401

    from assurance.config import Settings
    from assurance.pack import build_pack

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        result = build_pack(Settings(data_dir=data), month, out=Path(out), record=None)
        wall = time.perf_counter() - started
        sizes = {p.suffix: p.stat().st_size for p in (result.html, result.pdf, result.xlsx)}
    return {
        "wall": wall,
        "timings": result.timings,
        "findings": result.findings,
        "charts": result.charts,
        "sizes": sizes,
        "force": result.force,
    }


def run(data: Path, month: str, runs: int) -> None:
    prepare(data)
    results = []
    for i in range(runs):
        done = subprocess.run(
            [sys.executable, __file__, "--one", "--data", str(data), "--month", month],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        t = result["timings"]
        line = "  ".join(f"{s} {t[s]:5.2f}" for s in STAGES)
        print(f"run {i + 1}: {line}  | total {result['wall']:5.2f} s")
    first = results[0]
    print(
        f"\n{first['force']} {month}: {first['findings']} findings, {first['charts']} charts; "
        f"HTML {first['sizes']['.html'] / 1e6:.1f} MB, PDF {first['sizes']['.pdf'] / 1e6:.1f} "
        f"MB, XLSX {first['sizes']['.xlsx'] / 1e6:.1f} MB"
    )
    print("median by stage (s):")
    for stage in STAGES:
        print(f"  {stage:9s} {statistics.median(r['timings'][stage] for r in results):6.2f}")
    rendering = sum(statistics.median(r["timings"][s] for r in results) for s in STAGES[4:])
    total = statistics.median(r["wall"] for r in results)
    print(f"  rendering {rendering:6.2f}  (html + pdf + xlsx)")
    print(f"  total     {total:6.2f}  (target under {TARGET_SECONDS:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--month", default="2016-05")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.data, args.month)))
    else:
        run(args.data, args.month, args.runs)


if __name__ == "__main__":
    main()
