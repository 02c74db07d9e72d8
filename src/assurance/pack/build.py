"""``build_pack``: compute, then chart, then render, and write the three files.

Stages, each timed: measures (the warehouse), findings (the rules), model (the agenda, the
statistics the charts draw and their Vega-Lite specs), charts (SVG by vl-convert), then the
HTML, PDF and XLSX renderers, all from the one model. The files go to
``<data dir>/packs/<force>/<YYYY-MM>/`` by default, where the web app serves them.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from assurance.config import Settings
from assurance.findings import evaluate
from assurance.findings.report import names_of
from assurance.measures.compute import compute
from assurance.measures.report import check_force, default_force
from assurance.pack.assemble import build_model
from assurance.pack.charts import render_svg
from assurance.pack.html import render_html
from assurance.pack.model import Pack
from assurance.pack.pdf import render_pdf
from assurance.pack.record import MeetingRecord, load_record
from assurance.pack.xlsx import render_xlsx
from assurance.warehouse import connect

log = logging.getLogger(__name__)

STAGES: Final = ("measures", "findings", "model", "charts", "html", "pdf", "xlsx")
STAGE_LABELS: Final = {
    "measures": "Pack: computing the measures",
    "findings": "Pack: finding what stands out",
    "model": "Pack: laying out the agenda",
    "charts": "Pack: drawing the charts",
    "html": "Pack: writing the web page",
    "pdf": "Pack: typesetting the PDF",
    "xlsx": "Pack: writing the spreadsheet",
}
Progress = Callable[[str, int, int], None]
"""The project's progress callback (label, done, total), as ``assurance.console.progress_bar``
gives: called as each stage starts, and as each chart is drawn."""


class _Auto:
    """The default of ``record``: read the meeting record from the app database if there is
    one for this data folder."""

    def __repr__(self) -> str:
        return "AUTO"


AUTO: Final = _Auto()


@dataclass(frozen=True)
class PackResult:
    """What was built, where, and how long each stage took (seconds)."""

    force: str
    month: str
    folder: Path
    html: Path
    pdf: Path
    xlsx: Path
    timings: dict[str, float] = field(hash=False)
    findings: int = 0
    charts: int = 0

    @property
    def total(self) -> float:
        return sum(self.timings.values())


def pack_folder(settings: Settings, force: str, month: str) -> Path:
    """Where the web app looks for a pack: ``<data dir>/packs/<force>/<YYYY-MM>/``."""
    return settings.data_dir / "packs" / force / month


class _Clock:
    def __init__(self, progress: Progress | None) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.progress is not None:
            self.progress(STAGE_LABELS[name], STAGES.index(name), len(STAGES))
        start = time.perf_counter()
        yield
        took = time.perf_counter() - start
        self.timings[name] = took
        log.info("pack stage %s took %.2f s", name, took)
        if self.progress is not None and name == STAGES[-1]:
            self.progress("Pack: done", len(STAGES), len(STAGES))


def render_charts(pack: Pack, progress: Progress | None = None) -> dict[str, str]:
    """Every chart of the pack as SVG text, by chart id (a chart that fails is left out and
    logged; the pack prints its text alternative instead)."""
    svgs: dict[str, str] = {}
    charts = pack.charts
    for i, chart in enumerate(charts):
        if progress is not None:
            progress(STAGE_LABELS["charts"], i, len(charts))
        try:
            svgs[chart.id] = render_svg(chart.spec)
        except Exception:  # a chart must never stop the pack
            log.exception("could not draw chart %s", chart.id)
    return svgs


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file, so a reader never sees half a pack file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_pack(
    settings: Settings,
    month: str,
    force: str | None = None,
    out: Path | None = None,
    progress: Progress | None = None,
    *,
    record: MeetingRecord | _Auto | None = AUTO,
) -> PackResult:
    """Build the monthly pack for ``force`` (default: the force with a plan) and ``month``
    (``YYYY-MM``) and write ``pack.html``, ``pack.pdf`` and ``pack.xlsx`` to ``out``.

    ``record`` is the meeting record to list outstanding matters from: by default it is read
    from the app database of ``settings``' data folder when there is one; pass None for none.
    """
    clock = _Clock(progress)
    with clock.stage("measures"), connect(settings) as warehouse:
        chosen = force or default_force(warehouse)
        check_force(warehouse, chosen)
        report = compute(
            warehouse,
            chosen,
            month,
            shift_change_windows=settings.shift_change_windows,
        )
        names = names_of(warehouse, chosen)
    with clock.stage("findings"):
        evaluation = evaluate(report, names)
    with clock.stage("model"):
        meeting = load_record(settings, chosen, month) if isinstance(record, _Auto) else record
        pack = build_model(
            report,
            evaluation.findings,
            names=names,
            record=meeting,
            shift_windows=settings.shift_change_windows,
            tests=evaluation.tests,
        )
    with clock.stage("charts"):
        svgs = render_charts(pack, progress)
    folder = out or pack_folder(settings, chosen, month)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / f"pack.{name}" for name in ("html", "pdf", "xlsx")}
    with clock.stage("html"):
        _write(paths["html"], render_html(pack, svgs).encode("utf-8"))
    with clock.stage("pdf"):
        _write(paths["pdf"], render_pdf(pack, svgs))
    with clock.stage("xlsx"):
        _write(paths["xlsx"], render_xlsx(pack))
    log.info("pack for %s %s written to %s", chosen, month, folder)
    return PackResult(
        force=chosen,
        month=month,
        folder=folder,
        html=paths["html"],
        pdf=paths["pdf"],
        xlsx=paths["xlsx"],
        timings=clock.timings,
        findings=len(evaluation.findings),
        charts=len(svgs),
    )
