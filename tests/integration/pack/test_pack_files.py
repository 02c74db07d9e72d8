"""The three pack files for several forces and months: the PDF has every agenda section, the
HTML is one self-contained page with every section, the spreadsheet has every table."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from assurance.config import Settings
from assurance.pack import STAGES, PackResult, build_pack
from assurance.pack.agenda import AGENDA
from tests.integration.pack.conftest import CASES

pytestmark = pytest.mark.slow

MIN_PAGES = 15
SHEETS = (
    "Contents",
    "Summary",
    "Findings",
    "Monthly series",
    "Breakdowns",
    "Peer forces",
    "Control charts",
    "Funnel plots",
    "Forecasts",
)
XLSX_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(params=CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def pack(request: pytest.FixtureRequest, built: Callable[[str, str], PackResult]) -> PackResult:
    force, month = request.param
    return built(force, month)


def test_the_files_are_where_the_web_app_looks(pack: PackResult) -> None:
    for path in (pack.html, pack.pdf, pack.xlsx):
        assert path.parent == pack.folder and path.stat().st_size > 10_000, path
    assert [p.name for p in (pack.html, pack.pdf, pack.xlsx)] == [
        "pack.html",
        "pack.pdf",
        "pack.xlsx",
    ]
    assert pack.charts >= 25 and set(pack.timings) >= {"measures", "findings", "charts", "pdf"}


def test_the_pdf_has_every_section(pack: PackResult) -> None:
    reader = PdfReader(pack.pdf)
    assert len(reader.pages) > MIN_PAGES
    text = words(" ".join(page.extract_text() or "" for page in reader.pages))
    for section in AGENDA:
        assert words(section.title) in text, section.title
        for topic in section.topics:
            assert words(topic.title) in text, topic.title
    assert reader.metadata is not None and "Monthly Assurance Pack" in (reader.metadata.title or "")


def test_the_html_is_one_self_contained_page_with_every_section(pack: PackResult) -> None:
    html = pack.html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html and '<meta charset="utf-8">' in html
    for section in AGENDA:
        assert f'id="section-{section.number}"' in html, section.number
        assert section.title in html, section.title
    # nothing is fetched: no scripts, no external styles, images or fonts
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<link" not in html.lower() and "@import" not in html
    # every chart is an accessible image
    svgs = re.findall(r"<svg\b[^>]*>", html)
    charts = [s for s in svgs if 'role="img"' in s]
    assert len(charts) == pack.charts
    assert all('aria-label="' in s for s in charts)
    assert html.count("<caption>") >= 8


def test_the_spreadsheet_has_every_table(pack: PackResult) -> None:
    with zipfile.ZipFile(pack.xlsx) as book:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        names = [s.get("name") for s in workbook.iterfind("m:sheets/m:sheet", XLSX_NS)]
        assert [n for n in SHEETS if n in names] == list(SHEETS), names
        for i, name in enumerate(names, start=1):
            sheet = ElementTree.fromstring(book.read(f"xl/worksheets/sheet{i}.xml"))
            rows = sheet.findall("m:sheetData/m:row", XLSX_NS)
            # a title and a header row at least; a table of data under every other sheet
            assert len(rows) >= (2 if name in ("Findings", "Outstanding actions") else 5), name
            pane = sheet.find("m:sheetViews/m:sheetView/m:pane", XLSX_NS)
            assert pane is not None and pane.get("state") == "frozen", name


def test_the_spreadsheet_formats_shares_as_percentages(pack: PackResult) -> None:
    with zipfile.ZipFile(pack.xlsx) as book:
        styles = book.read("xl/styles.xml").decode()
    assert 'formatCode="0.0%"' in styles and 'formatCode="#,##0"' in styles


def test_progress_is_reported_stage_by_stage(demo_settings: Settings, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    result = build_pack(
        demo_settings,
        "2016-05",
        "northshire",
        tmp_path,
        lambda label, done, total: calls.append((label, done, total)),
        record=None,
    )
    stages = [c for c in calls if c[2] == len(STAGES)]
    assert [c[1] for c in stages] == list(range(len(STAGES) + 1))
    assert stages[-1][0] == "Pack: done"
    drawn = [c for c in calls if c[0] == "Pack: drawing the charts" and c[2] != len(STAGES)]
    assert len(drawn) == result.charts
    assert list(result.timings) == list(STAGES)
