"""Build the pack model from a month's measures, its findings and the meeting record.

The agenda (:mod:`assurance.pack.agenda`) decides where each measure goes; a finding goes to
the topic of its measure. Section 2 gathers the most severe findings of the whole pack (one
per measure, so it reads as a list of distinct risks) and the clearest good news.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from assurance.findings.common import worse
from assurance.findings.model import Finding
from assurance.findings.text import Names
from assurance.measures.catalogue import parse_shift_windows
from assurance.measures.results import MeasuresReport
from assurance.pack import agenda
from assurance.pack.context import Context
from assurance.pack.formats import long_date, month_long, plural
from assurance.pack.model import Chart, FindingLine, Pack, Section, Topic
from assurance.pack.record import MeetingRecord, default_meeting, default_next_meeting
from assurance.pack.rows import demand_row, row
from assurance.pack.tables import tables
from assurance.pack.topics import build_chart, group_spc_chart

log = logging.getLogger(__name__)

DEFAULT_SHIFT_WINDOWS = "07:00-08:00,15:00-16:00,22:00-23:00"
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def where(f: Finding, names: Names) -> str:
    """Where a finding applies, in words: the force, an area, a group."""
    s = f.scope
    if s.area:
        return names.area(s.area)
    if s.offence_group:
        return names.group("offence_group", s.offence_group).capitalize()
    if s.survey_group:
        return names.group("survey_group", s.survey_group).capitalize()
    if s.breakdown:
        return names.group(*s.breakdown).capitalize()
    return names.force(s.force)


def _line(f: Finding, report: MeasuresReport, names: Names) -> FindingLine:
    placed = agenda.topic_of(f.measure)
    section, topic = (placed[0].number, placed[1].title) if placed else ("5", "")
    try:
        title = report.result(f.measure).measure.title
    except KeyError:
        title = f.measure
    return FindingLine(
        severity=f.severity,
        kind=f.kind,
        measure=f.measure,
        measure_title=title,
        where=where(f, names),
        text=f.text,
        section=section,
        topic=topic,
        chart=None,
        good=_good(f, report),
    )


def _good(f: Finding, report: MeasuresReport) -> bool:
    """Good news: an improvement, or a difference in the better direction."""
    if f.kind == "special-cause-improvement":
        return True
    try:
        m = report.result(f.measure).measure
    except KeyError:
        return False
    sign = 1.0 if f.kind.endswith(("-above", "-high")) else -1.0
    if not f.kind.endswith(("-above", "-high", "-below", "-low")):
        return False
    return worse(m, sign) is False


def _distinct(findings: Sequence[FindingLine], limit: int) -> tuple[FindingLine, ...]:
    """Up to ``limit`` findings, one per measure, spread across the topics: the first of
    each topic in agenda order, then the second of each, and so on."""
    by_topic: dict[str, list[FindingLine]] = {}
    seen: set[str] = set()
    for f in findings:
        if f.measure not in seen:
            seen.add(f.measure)
            by_topic.setdefault(f.topic, []).append(f)
    out: list[FindingLine] = []
    queues = list(by_topic.values())
    while len(out) < limit and any(queues):
        for queue in queues:
            if queue and len(out) < limit:
                out.append(queue.pop(0))
    order = {t.title: i for i, (_, t) in enumerate(agenda.topics())}
    return tuple(sorted(out, key=lambda f: (order.get(f.topic, 99), SEVERITY_RANK[f.severity])))


def _topic(
    ctx: Context,
    spec: agenda.TopicSpec,
    findings: list[Finding],
    lines: dict[int, FindingLine],
) -> Topic:
    demand = {d.id: d for d in spec.demand}
    charts: list[Chart] = []
    for request in spec.charts:
        chart = build_chart(ctx, request, demand)
        if chart is not None and all(c.id != chart.id for c in charts):
            charts.append(chart)
    # charts of single offence groups that findings point to, most severe first
    extra = 0
    for f in findings:
        if extra >= agenda.GROUP_CHARTS_SHOWN or f.severity == "low" or not f.scope.offence_group:
            continue
        if not (f.chart or "").startswith("spc/") or any(c.id == f.chart for c in charts):
            continue
        r = ctx.result(f.measure)
        series = (
            next(
                (s for s in r.group_series if s.group == ("offence_group", f.scope.offence_group)),
                None,
            )
            if r
            else None
        )
        chart = group_spc_chart(ctx, r, series) if r and series else None
        if chart is not None and chart.id == f.chart:
            charts.append(chart)
            extra += 1
    ids = {c.id for c in charts}
    topic_lines = tuple(
        replace(lines[id(f)], chart=f.chart if f.chart in ids else None) for f in findings
    )
    rows = [row(ctx, r) for r in (ctx.result(mid) for mid in spec.measures) if r is not None]
    rows += [r for r in (demand_row(ctx, d) for d in spec.demand) if r is not None]
    return Topic(spec.title, spec.intro, topic_lines, tuple(rows), tuple(charts))


def build_model(
    report: MeasuresReport,
    findings: Sequence[Finding],
    *,
    names: Names | None = None,
    record: MeetingRecord | None = None,
    shift_windows: str = DEFAULT_SHIFT_WINDOWS,
    tests: int | None = None,
) -> Pack:
    """The pack for ``report``'s force and month."""
    names = names or Names()
    ctx = Context(report, names, parse_shift_windows(shift_windows))
    ordered = sorted(findings, key=lambda f: SEVERITY_RANK[f.severity])
    lines = {id(f): _line(f, report, names) for f in ordered}
    by_topic: dict[str, list[Finding]] = {}
    for f in ordered:
        by_topic.setdefault(lines[id(f)].topic, []).append(f)

    month = month_long(report.month)
    force_name = names.force(report.force)
    meeting = record.meeting_date if record else default_meeting(report.month)
    next_meeting = (record.next_meeting if record else None) or default_next_meeting(report.month)

    sections: list[Section] = []
    built: dict[str, tuple[Topic, ...]] = {}
    for spec in agenda.AGENDA:
        built[spec.number] = tuple(
            _topic(ctx, t, by_topic.get(t.title, []), lines) for t in spec.topics
        )
    placed = [f for ts in built.values() for t in ts for f in t.findings]
    force_wide = sorted(placed, key=lambda f: (SEVERITY_RANK[f.severity], f.where != force_name))
    risks = _distinct([f for f in force_wide if f.severity == "high"], agenda.RISKS_SHOWN)
    opportunities = _distinct([f for f in force_wide if f.good], agenda.OPPORTUNITIES_SHOWN)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("high", "medium", "low")}
    counts["tests"] = tests or 0

    for spec in agenda.AGENDA:
        n = spec.number
        if n == "1":
            sections.append(_outstanding(spec, record))
        elif n == "2":
            sections.append(
                Section(
                    n,
                    spec.title,
                    spec.sub,
                    paragraphs=(
                        f"The statistics found {plural(len(findings), 'finding')} this month: "
                        f"{counts['high']} of concern, {counts['medium']} to watch and "
                        f"{counts['low']} good news or for information. The most severe, one "
                        "for each measure, are the risks below; each is discussed in its "
                        "section with the evidence.",
                    ),
                    findings=risks,
                    opportunities=opportunities,
                )
            )
        elif n == "3":
            sections.append(Section(n, spec.title, spec.sub, paragraphs=(PLACEHOLDER_3,)))
        elif n == "4":
            sections.append(Section(n, spec.title, spec.sub, paragraphs=(INTRO_4,)))
        elif n == "5":
            sections.append(Section(n, spec.title, spec.sub, paragraphs=(PLACEHOLDER_5,)))
        elif n == "6":
            text = long_date(next_meeting)
            sections.append(Section(n, spec.title, spec.sub, paragraphs=(text,)))
        else:
            sections.append(Section(n, spec.title, spec.sub, topics=built[n]))

    pack = Pack(
        force=report.force,
        force_name=force_name,
        month=report.month,
        month_name=month,
        title=f"{force_name}: Monthly Assurance Pack, {month}",
        meeting_date=meeting,
        meeting_recorded=bool(record and record.recorded),
        next_meeting=next_meeting,
        peers=tuple(names.force(p) for p in report.peers),
        sections=tuple(sections),
        tables=(),
        counts=counts,
        about=_about(report, names, tests),
    )
    pack = replace(pack, tables=tables(pack, report, findings, ctx))
    log.info(
        "pack model for %s %s: %d sections, %d charts, %d findings",
        report.force,
        report.month,
        len(sections),
        len(pack.charts),
        len(findings),
    )
    return pack


PLACEHOLDER_3 = (
    "Updates from the chief officer meeting and the executive board are given at the meeting "
    "and recorded in its minutes."
)
PLACEHOLDER_5 = "Any other business is raised at the meeting and recorded in its minutes."
INTRO_4 = (
    "The evidence for holding the Chief Constable to account, in three parts: performance "
    "against the Police and Crime Plan (4a), delivery of strategic initiatives (4b), and "
    "readiness for the HMIC inspection of crime data integrity, with out of court disposals "
    "(4c). Each part gives its findings first, then a summary table of its measures, then "
    "the charts."
)


def _outstanding(spec: agenda.SectionSpec, record: MeetingRecord | None) -> Section:
    if record is None:
        text = (
            "No meeting record is held in Assurance for this force, so no outstanding actions "
            "are listed.",
        )
        return Section(spec.number, spec.title, spec.sub, paragraphs=text)
    if not record.actions:
        return Section(spec.number, spec.title, spec.sub, paragraphs=("None.",))
    intro = (
        f"{plural(len(record.actions), 'action')} from earlier meetings "
        f"{'was' if len(record.actions) == 1 else 'were'} not done or dropped by "
        f"{long_date(record.meeting_date)}.",
    )
    return Section(spec.number, spec.title, spec.sub, paragraphs=intro, actions=record.actions)


def _about(report: MeasuresReport, names: Names, tests: int | None) -> tuple[str, ...]:
    peers = ", ".join(names.force(p) for p in report.peers) or "none in the warehouse"
    lines = [
        f"Figures are for {month_long(report.month)} (the month) and the 12 months to it. "
        "Percentages are shown to one decimal place with 95% confidence intervals; times in "
        "minutes to one decimal place.",
        f"Most similar group of forces: {peers}.",
    ]
    if tests:
        lines.append(
            f"Findings come from {tests} statistical tests, with the false discovery rate held "
            "at 5%: a finding is unlikely to be chance."
        )
    return tuple(lines)
