"""The pack as one self-contained HTML page: styles and charts inline, no script, no network.

Every piece of text from the model is escaped here, so nothing in the data can become markup.
The page declares ``lang="en-GB"`` and UTF-8, has one ``h1`` and a heading for every section
and topic, captions on every table, a text alternative on every chart (``role="img"`` with
``aria-label``, and the same text in a details element for anyone who wants to read it), and
print styles that start each agenda section on a new page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

from assurance.pack.context import anchor
from assurance.pack.formats import long_date, plural
from assurance.pack.icons import ASSURANCE, VARIATION, Icon, assurance_svg, variation_svg
from assurance.pack.model import (
    SEVERITY_HEADING,
    ActionLine,
    Chart,
    FindingLine,
    Pack,
    Row,
    Section,
    Topic,
)
from assurance.pack.svg import accessible

CSS = Path(__file__).with_name("templates") / "pack.css"


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _finding(f: FindingLine, *, show_section: bool = False, titles: Mapping[str, str]) -> str:
    link = ""
    if f.chart:
        title = titles.get(f.chart, "")
        link = (
            f' <a class="see" href="#{e(_chart_anchor(f.chart))}">See the chart'
            f'<span class="visually-hidden">: {e(title)}</span></a>'
        )
    where = ""
    if show_section:
        where = (
            f' <a class="see" href="#section-{e(f.section)}">'
            f"Section {e(f.section)}, {e(f.topic.lower())}</a>"
        )
    return (
        f'<li class="finding sev-{e(f.severity)}"><span class="tag tag-{e(f.severity)}">'
        f'{e(f.tag)}</span> <span class="text">{e(f.text)}</span>'
        f"{link}{where}</li>"
    )


def _chart_anchor(chart_id: str | None) -> str:
    return anchor(chart_id or "")


def _findings(findings: Sequence[FindingLine], level: int, titles: Mapping[str, str]) -> str:
    if not findings:
        return (
            '<p class="none">No findings: nothing here stands out from chance variation or '
            "the targets.</p>"
        )
    parts = []
    for severity in ("high", "medium", "low"):
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        parts.append(
            f'<h{level} class="sev-heading">{e(SEVERITY_HEADING[severity])} '
            f'<span class="count">({len(group)})</span></h{level}>'
        )
        parts.append(
            '<ul class="findings">' + "".join(_finding(f, titles=titles) for f in group) + "</ul>"
        )
    return "".join(parts)


def _icon_cell(icon: Icon | None, kind: str) -> str:
    if icon is None:
        return '<td class="icon-cell"><span class="muted">–</span></td>'
    svg = variation_svg(icon) if kind == "variation" else assurance_svg(icon)
    return f'<td class="icon-cell"><span class="icon">{svg}</span> {e(icon.label)}</td>'


def _table(topic: Topic, pack: Pack) -> str:
    head = (
        "<thead><tr>"
        '<th scope="col">Measure</th>'
        f'<th scope="col" class="num">{e(pack.month_name)}</th>'
        f'<th scope="col" class="num">12 months to {e(pack.month_name)}</th>'
        '<th scope="col" class="num">95% confidence interval</th>'
        '<th scope="col" class="num">Target</th>'
        '<th scope="col" class="num">Most similar group</th>'
        '<th scope="col">Variation</th>'
        '<th scope="col">Assurance</th>'
        "</tr></thead>"
    )
    body = "".join(_row(r) for r in topic.rows)
    caption = f"{e(topic.title)}: measures for {e(pack.month_name)} and the 12 months to it"
    return (
        f'<div class="table-wrap" role="region" aria-label="{caption}" tabindex="0">'
        f'<table class="measures"><caption>{caption}</caption>'
        f"{head}<tbody>{body}</tbody></table></div>"
    )


def _row(r: Row) -> str:
    note = f'<span class="note">{e(r.note)}</span>' if r.note else ""
    return (
        f'<tr><th scope="row">{e(r.title)}{note}</th>'
        f'<td class="num">{e(r.month_text)}</td>'
        f'<td class="num strong">{e(r.year_text)}</td>'
        f'<td class="num">{e(r.interval_text)}</td>'
        f'<td class="num">{e(r.target_text)}</td>'
        f'<td class="num">{e(r.peer_text)}</td>'
        f"{_icon_cell(r.variation, 'variation')}{_icon_cell(r.assurance, 'assurance')}</tr>"
    )


def _chart(chart: Chart, svg: str | None) -> str:
    if svg is None:
        body = f'<p class="none">The chart could not be drawn. {e(chart.alt)}</p>'
    else:
        body = accessible(svg, f"{chart.title}. {chart.alt}", chart.anchor)
    caption = f"<p>{e(chart.caption)}</p>" if chart.caption else ""
    return (
        f'<figure class="chart" id="{e(chart.anchor)}">{body}<figcaption>{caption}'
        f"<details><summary>Describe this chart: {e(chart.title)}</summary>"
        f"<p>{e(chart.alt)}</p></details></figcaption></figure>"
    )


def _topic(topic: Topic, pack: Pack, svgs: Mapping[str, str]) -> str:
    intro = f'<p class="intro">{e(topic.intro)}</p>' if topic.intro else ""
    parts = [
        f'<section class="topic"><h4>{e(topic.title)}</h4>{intro}',
        f'<h5>Findings <span class="count">({len(topic.findings)})</span></h5>',
        _findings(topic.findings, 6, {c.id: c.title for c in pack.charts}),
        "<h5>Measures</h5>",
        _table(topic, pack) if topic.rows else '<p class="none">No measures.</p>',
    ]
    if topic.charts:
        parts.append("<h5>Charts</h5>")
        parts.append('<div class="charts">')
        parts.extend(_chart(c, svgs.get(c.id)) for c in topic.charts)
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def _action(a: ActionLine) -> str:
    due = f"; due {long_date(a.due)}" if a.due else ""
    late = f", {plural(a.overdue_days, 'working day')} overdue" if a.overdue_days else ""
    update = (
        f' <span class="note">Latest update: {e(a.latest_update)}</span>' if a.latest_update else ""
    )
    return (
        f'<tr><td class="num">{a.number}</td><td>{e(a.text)}{update}</td><td>{e(a.owners)}</td>'
        f"<td>Raised {e(long_date(a.raised))} (item {e(a.item)}){e(due)}</td>"
        f"<td>{e(a.status.capitalize())}{e(late)}</td></tr>"
    )


def _section(s: Section, pack: Pack, svgs: Mapping[str, str]) -> str:
    level = 3 if s.sub else 2
    titles = {c.id: c.title for c in pack.charts}
    classes = "agenda-item sub" if s.sub else "agenda-item"
    parts = [
        f'<section class="{classes}" id="{e(s.anchor)}" aria-labelledby="{e(s.anchor)}-h">',
        f'<h{level} class="item" id="{e(s.anchor)}-h"><span class="num">{e(s.number)}</span> '
        f"{e(s.title)}</h{level}>",
    ]
    parts.extend(f"<p>{e(p)}</p>" for p in s.paragraphs)
    if s.actions:
        parts.append(
            '<div class="table-wrap" role="region" aria-label="Outstanding actions" tabindex="0">'
            '<table class="actions"><caption>Actions open from earlier '
            'meetings</caption><thead><tr><th scope="col">Action</th><th scope="col">What is to '
            'be done</th><th scope="col">Owners</th><th scope="col">Raised and due</th>'
            '<th scope="col">Status</th></tr></thead><tbody>'
            + "".join(_action(a) for a in s.actions)
            + "</tbody></table></div>"
        )
    if s.findings:
        parts.append(f'<h{level + 1} class="part">Risks</h{level + 1}>')
        parts.append(
            '<ul class="findings">'
            + "".join(_finding(f, show_section=True, titles=titles) for f in s.findings)
            + "</ul>"
        )
    if s.opportunities:
        parts.append(f'<h{level + 1} class="part">Opportunities and good news</h{level + 1}>')
        parts.append(
            '<ul class="findings">'
            + "".join(_finding(f, show_section=True, titles=titles) for f in s.opportunities)
            + "</ul>"
        )
    parts.extend(_topic(t, pack, svgs) for t in s.topics)
    parts.append("</section>")
    return "".join(parts)


def _key() -> str:
    """The key to the icons."""
    items = [
        f'<li><span class="icon">{variation_svg(i)}</span> {e(i.label)}</li>'
        for i in VARIATION.values()
    ] + [
        f'<li><span class="icon">{assurance_svg(i)}</span> {e(i.label)}</li>'
        for i in ASSURANCE.values()
    ]
    return (
        '<section class="about" aria-labelledby="about-h"><h2 id="about-h">How to read this '
        "pack</h2><p>Each part of holding to account gives its findings in plain English first, "
        "then a table of its measures, then the charts. <strong>Variation</strong> says whether "
        "the latest month of the control chart shows a special cause (arrow up or down: orange "
        "for a concern, blue for an improvement, purple where neither direction is better) or "
        "only common-cause variation (wave). <strong>Assurance</strong> says whether the "
        "process limits lie wholly on the right side of the target (P), wholly on the wrong "
        "side (F), or straddle it (?).</p>"
        f'<ul class="key">{"".join(items)}</ul></section>'
    )


def _contents(pack: Pack) -> str:
    items = []
    for s in pack.sections:
        cls = ' class="sub"' if s.sub else ""
        items.append(f'<li{cls}><a href="#{e(s.anchor)}">{e(s.heading)}</a></li>')
    return (
        '<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">Contents</h2>'
        f"<ul>{''.join(items)}</ul></nav>"
    )


def _glance(pack: Pack) -> str:
    c = pack.counts
    tiles = "".join(
        f'<li class="tile tile-{k}"><span class="big">{c.get(k, 0)}</span> '
        f"{e(SEVERITY_HEADING[k].lower() if k != 'low' else 'good news or for information')}</li>"
        for k in ("high", "medium", "low")
    )
    about = "".join(f"<p>{e(line)}</p>" for line in pack.about)
    return (
        '<section class="glance" aria-labelledby="glance-h"><h2 id="glance-h">This month at a '
        f'glance</h2><ul class="tiles">{tiles}</ul>{about}</section>'
    )


def render_html(pack: Pack, svgs: Mapping[str, str]) -> str:
    """The whole pack as one HTML document (``svgs``: chart id → rendered SVG)."""
    meeting = long_date(pack.meeting_date)
    header = (
        '<header class="cover"><p class="kicker">Office of the Police and Crime Commissioner'
        f'</p><h1>Monthly Assurance Pack <span class="h1-sub">{e(pack.force_name)}, '
        f"{e(pack.month_name)}</span></h1>"
        f'<dl class="meta"><div><dt>For the meeting of</dt><dd>{e(meeting)}</dd></div>'
        f"<div><dt>Next meeting</dt><dd>{e(long_date(pack.next_meeting))}</dd></div>"
        f"<div><dt>Figures to</dt><dd>the end of {e(pack.month_name)}</dd></div></dl>"
        '<p class="downloads">Also as a <a href="pack.pdf">PDF for printing</a> and a '
        '<a href="pack.xlsx">spreadsheet of every table (XLSX)</a>.</p></header>'
    )
    body = "".join(_section(s, pack, svgs) for s in pack.sections)
    css = CSS.read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(pack.title)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to main content</a>\n'
        f'{header}\n<main id="main">\n{_glance(pack)}\n{_contents(pack)}\n{_key()}\n{body}\n'
        f"</main>\n<footer><p>{e(pack.title)}. Made by Assurance from the force's records; "
        "every table is in the spreadsheet.</p></footer>\n</body>\n</html>\n"
    )
