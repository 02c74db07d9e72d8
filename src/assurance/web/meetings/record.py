# mypy: no-warn-return-any
"""Recording a meeting: the meeting, its standard agenda, attendance, topics and findings.

Views, the CLI and the seed loader call these (through ``services``), never the models'
``save`` directly, so the rules hold wherever a record comes from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from assurance.web.meetings.errors import InvalidRecord, NotFound
from assurance.web.meetings.models import AgendaItem, Attendance, Finding, Meeting, Topic
from assurance.web.meetings.vocabulary import AgendaKind, Role
from assurance.web.typed import atomic


@dataclass(frozen=True)
class AgendaSpec:
    number: str
    title: str
    kind: str = AgendaKind.DISCUSSION
    holds_to_account: bool = False


#: The standard agenda of the monthly assurance meeting (the May 2016 notes).
STANDARD_AGENDA: tuple[AgendaSpec, ...] = (
    AgendaSpec("1", "Outstanding matters", AgendaKind.OUTSTANDING),
    AgendaSpec("2", "Operational and reputational opportunities and risks"),
    AgendaSpec("3", "Chief officer meeting / executive board – update"),
    AgendaSpec("4", "Holding to account", AgendaKind.HEADING),
    AgendaSpec("4a", "Performance against the Police and Crime Plan", holds_to_account=True),
    AgendaSpec("4b", "Delivery of strategic initiatives", holds_to_account=True),
    AgendaSpec(
        "4c",
        "HMIC inspection programme / crime data integrity and out of court disposals",
        holds_to_account=True,
    ),
    AgendaSpec("5", "AOB"),
    AgendaSpec("6", "Date of next meeting", AgendaKind.NEXT_MEETING),
)


@dataclass(frozen=True)
class EngineFinding:
    """The engine finding a recorded finding came from, with its evidence as it was shown."""

    key: str
    measure_id: str = ""
    evidence: dict[str, Any] | None = None


@atomic
def create_meeting(
    *,
    force_code: str,
    on: date,
    chair: str,
    start_time: time | None = None,
    minute_taker: str = "",
    minute_taker_capacity: str = "",
    venue: str = "",
    month_under_review: date | None = None,
    next_meeting_date: date | None = None,
    agenda: Iterable[AgendaSpec] = STANDARD_AGENDA,
) -> Meeting:
    """A new meeting with its agenda. One meeting a day per force."""
    force_code = force_code.strip()
    if not force_code or not chair.strip():
        raise InvalidRecord("a meeting needs a force code (--force) and a chair (--chair)")
    if Meeting.objects.filter(force_code=force_code, date=on).exists():
        raise InvalidRecord(
            f"{force_code} already has a meeting on {on:%d %B %Y}: show it with "
            f"`assurance meeting show {on.isoformat()}`, or choose another date"
        )
    if next_meeting_date is not None and next_meeting_date <= on:
        raise InvalidRecord(f"the next meeting ({next_meeting_date}) must be after this one ({on})")
    review = month_under_review or on
    meeting = Meeting.objects.create(
        force_code=force_code,
        date=on,
        start_time=start_time,
        chair=chair.strip(),
        minute_taker=minute_taker.strip(),
        minute_taker_capacity=minute_taker_capacity.strip(),
        venue=venue.strip(),
        month_under_review=review.replace(day=1),
        next_meeting_date=next_meeting_date,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            number=spec.number,
            title=spec.title,
            order=order,
            kind=spec.kind,
            holds_to_account=spec.holds_to_account,
        )
        for order, spec in enumerate(agenda, start=1)
    )
    return meeting


def add_attendee(
    meeting: Meeting, name: str, role: Role | str = "", capacity: str = "", *, present: bool = True
) -> Attendance:
    """Someone present (or, with ``present=False``, who sent apologies)."""
    if not name.strip():
        raise InvalidRecord("an attendee needs a name")
    role_value = Role.parse(role).value if role else ""
    if not capacity and role_value:
        capacity = str(Role(role_value).label)
    order = meeting.attendance.count() + 1
    return Attendance.objects.create(
        meeting=meeting,
        name=name.strip(),
        role=role_value,
        capacity=capacity.strip(),
        present=present,
        order=order,
    )


def agenda_item(meeting: Meeting, number: str) -> AgendaItem:
    """The item numbered ``number`` ("4a") of a meeting."""
    try:
        return meeting.items.get(number=number.strip().lower())
    except AgendaItem.DoesNotExist:
        numbers = ", ".join(meeting.items.values_list("number", flat=True))
        raise NotFound(
            f"the meeting of {meeting.date:%d %B %Y} has no agenda item {number!r}; "
            f"its items are {numbers}"
        ) from None


def set_item_notes(meeting: Meeting, number: str, notes: str) -> AgendaItem:
    item = agenda_item(meeting, number)
    item.notes = notes.strip()
    item.save(update_fields=["notes"])
    return item


def topic(item: AgendaItem, title: str, notes: str = "") -> Topic:
    """The topic of ``item`` titled ``title``, made when new (titles compare ignoring case)."""
    found = item.topics.filter(title__iexact=title.strip()).first()
    if found is not None:
        if notes and found.notes != notes.strip():
            found.notes = notes.strip()
            found.save(update_fields=["notes"])
        return found
    return Topic.objects.create(
        item=item, title=title.strip(), notes=notes.strip(), order=item.topics.count() + 1
    )


def record_finding(
    meeting: Meeting,
    number: str,
    text: str,
    *,
    topic_title: str | None = None,
    engine: EngineFinding | None = None,
) -> Finding:
    """A finding under an agenda item, in a topic when ``topic_title`` is given."""
    if not text.strip():
        raise InvalidRecord("a finding needs its text")
    item = agenda_item(meeting, number)
    within = topic(item, topic_title) if topic_title is not None else None
    evidence = None
    if engine is not None and engine.evidence is not None:
        evidence = json.loads(json.dumps(engine.evidence, default=str))
    return Finding.objects.create(
        item=item,
        topic=within,
        text=text.strip(),
        order=item.findings.count() + 1,
        engine_finding_key=engine.key if engine else "",
        measure_id=engine.measure_id if engine else "",
        evidence=evidence,
    )


def find_meeting(reference: str | int, force_code: str | None = None) -> Meeting:
    """A meeting by its id (``12``) or its date (``2016-05-31``, with the force if several)."""
    text = str(reference).strip()
    meetings = Meeting.objects.all()
    if force_code:
        meetings = meetings.filter(force_code=force_code)
    if text.isdigit():
        found = meetings.filter(pk=int(text)).first()
    else:
        try:
            on = date.fromisoformat(text)
        except ValueError:
            raise NotFound(
                f"{text!r} is neither a meeting number nor a date (YYYY-MM-DD)"
            ) from None
        matches = list(meetings.filter(date=on))
        if len(matches) > 1:
            forces = ", ".join(m.force_code for m in matches)
            raise NotFound(f"several forces met on {on}: add --force (one of {forces})")
        found = matches[0] if matches else None
    if found is None:
        raise NotFound(
            f"no meeting {text!r}{' for ' + force_code if force_code else ''}: "
            "list them with `assurance meeting show` or record one with `assurance meeting new`"
        )
    return found
