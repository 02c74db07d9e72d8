# mypy: no-warn-return-any
"""Minutes from the record, in the layout of the monthly assurance meeting notes.

:func:`build_minutes` turns a meeting into a plain document (frozen dataclasses); the HTML
(Django template ``meetings/minutes.html``) and the PDF (typst template ``minutes.typ``) are
both drawn from that one document, so they always say the same thing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

from assurance.web.meetings.errors import MeetingError
from assurance.web.meetings.models import Action, AgendaItem, Meeting, Topic
from assurance.web.meetings.services import outstanding_actions, working_days_overdue
from assurance.web.meetings.vocabulary import ActionStatus, AgendaKind

log = logging.getLogger(__name__)

TYPST_TEMPLATE = Path(__file__).with_name("templates") / "meetings" / "minutes.typ"
#: First installed family wins; typst's own embedded fonts are the last resort.
FONT_PREFERENCE = ("Arial", "Liberation Sans", "DejaVu Sans", "Libertinus Serif")


@dataclass(frozen=True)
class ActionLine:
    number: int
    text: str
    owners: str
    detail: str = ""


@dataclass(frozen=True)
class Block:
    """What was said under an item, or under one of its topics."""

    title: str
    notes: tuple[str, ...]
    findings: tuple[str, ...]
    actions: tuple[ActionLine, ...]
    findings_heading: bool
    actions_heading: bool


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    sub_item: bool
    blocks: tuple[Block, ...]
    empty_text: str = ""
    holds_to_account: bool = False

    @property
    def level(self) -> int:
        """HTML heading level: items h2, sub-items (4a) h3."""
        return 3 if self.sub_item else 2


@dataclass(frozen=True)
class Person:
    name: str
    capacity: str


@dataclass(frozen=True)
class Minutes:
    title: str
    date_line: str
    chair: str
    minutes_by: str
    venue: str
    attendance: tuple[Person, ...]
    apologies: tuple[Person, ...]
    sections: tuple[Section, ...]
    force_code: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def long_date(day: date) -> str:
    """31 May 2016"""
    return f"{day.day} {day:%B %Y}"


def paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


def build_minutes(meeting: Meeting) -> Minutes:
    """The minutes of a meeting, as recorded now (outstanding matters carried forward)."""
    when = f"{meeting.date:%A} {long_date(meeting.date)}"
    if meeting.start_time is not None:
        when += f" @ {meeting.start_time:%H.%M}"
    minutes_by = ", ".join(p for p in (meeting.minute_taker, meeting.minute_taker_capacity) if p)
    people = list(meeting.attendance.all())
    items = meeting.items.prefetch_related(
        "topics", "findings", "actions__owners", "topics__findings", "topics__actions__owners"
    )
    return Minutes(
        title=f"{meeting.title} – Meeting Notes",
        date_line=when,
        chair=meeting.chair,
        minutes_by=minutes_by,
        venue=meeting.venue,
        attendance=tuple(_person(a.name, a.capacity, a.role) for a in people if a.present),
        apologies=tuple(_person(a.name, a.capacity, a.role) for a in people if not a.present),
        sections=tuple(_section(meeting, item) for item in items),
        force_code=meeting.force_code,
    )


def _person(name: str, capacity: str, role: str) -> Person:
    if role and f"({role})" not in capacity:
        capacity = f"{capacity} ({role})" if capacity else role
    return Person(name, capacity)


def _section(meeting: Meeting, item: AgendaItem) -> Section:
    title, sub = item.title, item.is_sub_item
    if item.kind == AgendaKind.OUTSTANDING:
        lines = tuple(_outstanding_line(meeting, a) for a in outstanding_actions(meeting))
        block = Block("", (), (), lines, False, False)
        return Section(item.number, title, sub, (block,) if lines else (), "" if lines else "None")
    if item.kind == AgendaKind.HEADING:
        return Section(item.number, title, sub, ())
    if item.kind == AgendaKind.NEXT_MEETING:
        when = meeting.next_meeting_date
        return Section(item.number, title, sub, (), long_date(when) if when else "To be arranged.")
    holds = item.holds_to_account
    own_findings = [f.text for f in item.findings.all() if f.topic_id is None]
    own_actions = [a for a in item.actions.all() if a.topic_id is None]
    blocks: list[Block] = []
    topics = list(item.topics.all())
    if item.notes or own_findings or own_actions or (holds and not topics):
        blocks.append(_block("", item.notes, own_findings, own_actions, holds))
    blocks.extend(_topic_block(t, holds) for t in topics)
    empty = "" if blocks else "None"
    return Section(item.number, title, sub, tuple(blocks), empty, holds)


def _topic_block(topic: Topic, holds: bool) -> Block:
    return _block(
        topic.title,
        topic.notes,
        [f.text for f in topic.findings.all()],
        list(topic.actions.all()),
        holds,
    )


def _block(
    title: str, notes: str, findings: list[str], actions: list[Action], holds: bool
) -> Block:
    return Block(
        title=title,
        notes=paragraphs(notes),
        findings=tuple(findings),
        actions=tuple(ActionLine(a.pk, a.text, a.owner_label) for a in actions),
        findings_heading=holds and bool(findings),
        actions_heading=holds or bool(actions),
    )


def _outstanding_line(meeting: Meeting, action: Action) -> ActionLine:
    status = ActionStatus(getattr(action, "status_then", action.status)).label
    where = action.item.number + (f", {action.topic.title}" if action.topic else "")
    detail = f"Raised {long_date(action.meeting.date)} (item {where})"
    if action.due_date:
        detail += f"; due {long_date(action.due_date)}"
    detail += f"; status at this meeting: {status.lower()}"
    late = working_days_overdue(action, on=meeting.date)
    if late:
        detail += f", {late} working day{'s' if late != 1 else ''} overdue"
    notes = [c.note for c in action.history.all() if c.note and c.at < meeting.starts_at]
    if len(notes) > 1:  # the first note only says when it was raised
        detail += f". Latest update: {notes[-1]}"
    return ActionLine(action.pk, action.text, action.owner_label, detail + ".")


def minutes_html(meeting: Meeting) -> str:
    """The minutes as an accessible HTML page (one file, styles inline)."""
    return render_to_string("meetings/minutes.html", {"minutes": build_minutes(meeting)})


@cache
def _font() -> str:
    import typst

    families = {f.casefold() for f in typst.Fonts().families()}
    for family in FONT_PREFERENCE:
        if family.casefold() in families:
            return family
    return FONT_PREFERENCE[-1]


def minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes as an accessible PDF (PDF/UA-1), typeset by typst from ``minutes.typ``."""
    import typst

    document = build_minutes(meeting)
    try:
        pdf = typst.compile(
            TYPST_TEMPLATE,
            format="pdf",
            sys_inputs={"minutes": document.to_json(), "font": _font()},
            pdf_standards=["ua-1"],  # accessible: tagged, titled, checked by typst
            # dated the meeting day: the same record always makes the same file
            timestamp=datetime.combine(meeting.date, datetime.min.time(), tzinfo=UTC),
        )
    except typst.TypstError as exc:
        raise MeetingError(
            f"typst could not typeset the minutes: {exc.message}. This is a bug in "
            f"{TYPST_TEMPLATE.name}: please report it with the meeting's date"
        ) from exc
    assert isinstance(pdf, bytes)
    return pdf


def write_minutes(meeting: Meeting, out: Path, fmt: str) -> Path:
    """Write the minutes as ``html`` or ``pdf`` to ``out`` (a file, or a folder to put it in)."""
    if fmt not in ("html", "pdf"):
        raise MeetingError(f"unknown minutes format {fmt!r}: use html or pdf")
    if out.is_dir():
        out = out / f"minutes-{meeting.force_code}-{meeting.date.isoformat()}.{fmt}"
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        out.write_text(minutes_html(meeting), encoding="utf-8")
    else:
        out.write_bytes(minutes_pdf(meeting))
    log.info("wrote the minutes of %s to %s", meeting.date, out)
    return out
