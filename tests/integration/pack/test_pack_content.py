"""What the May 2016 pack says: the demo scenario's findings in the sections the meeting
discussed them, the summary tables, the charts with their text alternatives."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

import pytest

from assurance.config import Settings
from assurance.findings import evaluate
from assurance.findings.report import names_of
from assurance.measures import CATALOGUE, measures_report
from assurance.pack import Pack, PackResult, build_model
from assurance.pack.agenda import topic_of, topics
from assurance.warehouse import connect

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def may(built: Callable[[str, str], PackResult]) -> str:
    page: str = built("west-mercia", "2016-05").html.read_text(encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def model(demo_settings: Settings) -> Pack:
    report = measures_report(demo_settings, "2016-05", "west-mercia")
    with connect(demo_settings) as warehouse:
        names = names_of(warehouse, "west-mercia")
    evaluation = evaluate(report, names)
    return build_model(report, evaluation.findings, names=names, tests=evaluation.tests)


def section_text(html: str, number: str) -> str:
    """The text of one agenda section of the page (up to the next section)."""
    start = html.index(f'id="section-{number}"')
    following = html.find('<section class="agenda-item', start + 10)
    chunk = html[start : following if following > 0 else len(html)]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", chunk)))


def kinds(pack: Pack, number: str, topic: str) -> set[tuple[str, str]]:
    section = pack.section(number)
    found = [t for t in section.topics if t.title == topic]
    assert found, topic
    return {(f.kind, f.measure) for f in found[0].findings}


def test_every_measure_has_one_home() -> None:
    homes = [m for _, t in topics() for m in t.measures]
    assert sorted(homes) == sorted(m.id for m in CATALOGUE)
    assert all(topic_of(m.id) is not None for m in CATALOGUE)


def test_satisfaction_below_target_and_follow_up_weakest_in_4a(model: Pack, may: str) -> None:
    found = kinds(model, "4a", "Victim satisfaction and follow-up")
    assert ("below-target", "satisfaction.whole_experience") in found
    assert ("weakest-stage", "satisfaction.kept_informed") in found
    text = section_text(may, "4a")
    assert "significantly below the 90% Police and Crime Plan target" in text
    assert "weakest stage of the victim journey" in text
    assert "Telford and Wrekin" in text and "Herefordshire" in text


def test_response_times_and_the_shift_changeover_in_4a(model: Pack, may: str) -> None:
    found = kinds(model, "4a", "Response times")
    assert ("special-cause-concern", "response.emergency.mean_minutes") in found
    assert ("breakdown-above", "response.emergency.mean_minutes") in found
    assert "shift-changeover window" in section_text(may, "4a")


def test_outcomes_above_peers_and_domestic_burglary_in_4a(model: Pack, may: str) -> None:
    found = kinds(model, "4a", "Crime outcomes")
    assert {k for k, _ in found} >= {"peer-above", "special-cause-concern"}
    assert "domestic burglary" in section_text(may, "4a")
    # the chart of the domestic burglary series the finding points to is in the pack
    assert "chart-spc-outcomes-positive-rate-west-mercia-burglary-domestic" in may


def test_crime_data_integrity_and_disposals_in_4c(model: Pack, may: str) -> None:
    assert ("compliance-breach", "integrity.sso_cancel_authority") in kinds(
        model, "4c", "Cancelled crimes"
    )
    assert ("below-target", "integrity.recording_accuracy") in kinds(
        model, "4c", "Crime data integrity"
    )
    assert ("compliance-breach", "disposals.audit_coverage") in kinds(
        model, "4c", "Out of court disposals"
    )
    text = section_text(may, "4c")
    assert "not authorised by the Deputy Chief Constable" in text
    assert "were not audited" in text
    assert "not authorised by the Deputy Chief Constable" not in section_text(may, "4a")


def test_section_2_lists_the_most_severe_risks_across_the_pack(model: Pack) -> None:
    s2 = model.section("2")
    assert 1 <= len(s2.findings) <= 8 and all(f.severity == "high" for f in s2.findings)
    assert len({f.measure for f in s2.findings}) == len(s2.findings)
    assert len({f.topic for f in s2.findings}) >= 4
    assert all(f.good for f in s2.opportunities)


def test_summary_tables_and_icons(model: Pack, may: str) -> None:
    rows = {r.measure: r for s in model.sections for t in s.topics for r in t.rows}
    whole = rows["satisfaction.whole_experience"]
    assert whole.target_text == "90%" and re.fullmatch(r"\d+\.\d%", whole.year_text)
    assert re.fullmatch(r"\d+\.\d–\d+\.\d%", whole.interval_text)
    assert whole.assurance is not None
    minutes = rows["response.emergency.mean_minutes"]
    assert re.fullmatch(r"\d+\.\d min", minutes.year_text)
    assert minutes.variation is not None and minutes.variation.code == "concern_high"
    # every icon comes with its words
    assert "Concern (higher)" in may and "Consistently misses target" in may


def test_next_meeting_is_the_last_tuesday_of_june(model: Pack, may: str) -> None:
    assert model.next_meeting.isoformat() == "2016-06-28"
    assert "Tuesday 28 June 2016" in section_text(may, "6")
    assert "No meeting record is held" in section_text(may, "1")


def test_every_chart_has_a_title_and_a_text_alternative_from_its_data(model: Pack) -> None:
    assert len(model.charts) >= 30
    for chart in model.charts:
        assert chart.title and chart.spec["title"]["text"] == chart.title
        assert len(chart.alt) > 60 and re.search(r"\d", chart.alt), chart.id


def test_text_can_never_become_markup(model: Pack, tmp_path: object) -> None:
    from dataclasses import replace

    from pypdf import PdfReader

    from assurance.pack import render_html, render_pdf

    nasty = '<script>alert("x")</script> #pagebreak() *bold* $x$ @ref [link](y) \\ & "quotes"'
    section = model.section("4a")
    topic = replace(
        section.topics[0], findings=(replace(section.topics[0].findings[0], text=nasty),)
    )
    changed = replace(section, topics=(topic, *section.topics[1:]))
    pack = replace(
        model, sections=tuple(changed if s.number == "4a" else s for s in model.sections)
    )
    html = render_html(pack, {})
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    import io

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(pack, {}))).pages)
    assert "#pagebreak() *bold* $x$ @ref" in re.sub(r"\s+", " ", text)
