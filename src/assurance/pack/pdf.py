"""The pack as a PDF, typeset by typst from ``templates/pack.typ``.

The template is fed the pack as JSON (``sys.inputs.pack``): every piece of text arrives as a
string value, which typst sets as text, never as markup, whatever characters it holds. Charts
go in as their SVG text and are embedded as vector images with their text alternative; the
PDF is tagged for accessibility (PDF/UA-1) where typst can check it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from assurance.errors import AssuranceError
from assurance.pack.formats import long_date, plural
from assurance.pack.icons import ASSURANCE, VARIATION, Icon, assurance_svg, variation_svg
from assurance.pack.model import (
    SEVERITY_HEADING,
    ActionLine,
    FindingLine,
    Pack,
    Row,
    Section,
)

log = logging.getLogger(__name__)

TEMPLATE = Path(__file__).with_name("templates") / "pack.typ"
FONT_PREFERENCE = ("Liberation Sans", "Arial", "DejaVu Sans", "Libertinus Serif")


class PackError(AssuranceError):
    """The pack could not be made."""


@cache
def font() -> str:
    """The first installed of the preferred families (typst's own fonts are the last resort)."""
    import typst

    families = {f.casefold() for f in typst.Fonts().families()}
    for family in FONT_PREFERENCE:
        if family.casefold() in families:
            return family
    return FONT_PREFERENCE[-1]


def _icon(icon: Icon | None, kind: str) -> dict[str, str] | None:
    if icon is None:
        return None
    svg = variation_svg(icon, 24) if kind == "variation" else assurance_svg(icon, 24)
    return {"svg": svg, "label": icon.label}


def _finding(f: FindingLine) -> dict[str, Any]:
    return {
        "severity": f.severity,
        "tag": f.tag,
        "text": f.text,
        "where": f"Section {f.section}, {f.topic.lower()}" if f.topic else "",
    }


def _row(r: Row) -> dict[str, Any]:
    return {
        "title": r.title,
        "note": r.note,
        "month": r.month_text,
        "year": r.year_text,
        "interval": r.interval_text,
        "target": r.target_text,
        "peer": r.peer_text,
        "variation": _icon(r.variation, "variation"),
        "assurance": _icon(r.assurance, "assurance"),
    }


def _action(a: ActionLine) -> dict[str, Any]:
    detail = f"Raised {long_date(a.raised)} (item {a.item})"
    if a.due:
        detail += f"; due {long_date(a.due)}"
    status = a.status.capitalize()
    if a.overdue_days:
        status += f", {plural(a.overdue_days, 'working day')} overdue"
    return {
        "number": str(a.number),
        "text": a.text,
        "owners": a.owners,
        "detail": detail,
        "status": status,
        "update": a.latest_update,
    }


def _section(s: Section, svgs: Mapping[str, str]) -> dict[str, Any]:
    return {
        "number": s.number,
        "title": s.title,
        "sub": s.sub,
        "paragraphs": list(s.paragraphs),
        "actions": [_action(a) for a in s.actions],
        "risks": [_finding(f) for f in s.findings],
        "opportunities": [_finding(f) for f in s.opportunities],
        "topics": [
            {
                "title": t.title,
                "intro": t.intro,
                "groups": [
                    {
                        "heading": SEVERITY_HEADING[sev],
                        "findings": [_finding(f) for f in t.findings if f.severity == sev],
                    }
                    for sev in ("high", "medium", "low")
                    if any(f.severity == sev for f in t.findings)
                ],
                "count": len(t.findings),
                "rows": [_row(r) for r in t.rows],
                "charts": [
                    {"title": c.title, "alt": c.alt, "caption": c.caption, "svg": svgs[c.id]}
                    for c in t.charts
                    if c.id in svgs
                ],
            }
            for t in s.topics
        ],
    }


def pack_json(pack: Pack, svgs: Mapping[str, str]) -> str:
    """The data the typst template reads."""
    data = {
        "title": pack.title,
        "force": pack.force_name,
        "month": pack.month_name,
        "meeting": long_date(pack.meeting_date),
        "next_meeting": long_date(pack.next_meeting),
        "counts": {k: pack.counts.get(k, 0) for k in ("high", "medium", "low")},
        "about": list(pack.about),
        "key": [{"svg": variation_svg(i, 24), "label": i.label} for i in VARIATION.values()]
        + [{"svg": assurance_svg(i, 24), "label": i.label} for i in ASSURANCE.values()],
        "sections": [_section(s, svgs) for s in pack.sections],
    }
    return json.dumps(data, ensure_ascii=False)


def render_pdf(pack: Pack, svgs: Mapping[str, str]) -> bytes:
    """The pack as PDF bytes."""
    import typst

    inputs = {"pack": pack_json(pack, svgs), "font": font()}
    stamp = datetime(*pack.meeting_date.timetuple()[:3], tzinfo=UTC)
    try:
        pdf = typst.compile(
            TEMPLATE, format="pdf", sys_inputs=inputs, pdf_standards=["ua-1"], timestamp=stamp
        )
    except typst.TypstError as exc:
        raise PackError(
            f"typst could not typeset the pack: {exc.message}. This is a bug in "
            f"{TEMPLATE.name}: please report it with the force and month"
        ) from exc
    assert isinstance(pdf, bytes)
    log.info("typeset the pack PDF (%d bytes)", len(pdf))
    return pdf
