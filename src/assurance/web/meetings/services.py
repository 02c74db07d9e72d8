# mypy: no-warn-return-any
"""The business rules of the meeting record. Views and commands call these; nothing else
writes meetings or actions.

- An action is raised at a meeting, under an agenda item (and topic), owned by one or more
  roles, with a due date; its first history row is "open" at the meeting's start.
- Its status changes are history rows (``at`` = when the change took effect); ``done`` only
  through :func:`close_action`, which needs evidence (text or a link); ``dropped`` needs a
  reason.
- :func:`outstanding_actions`: a meeting's "Outstanding matters" are the actions raised at the
  force's earlier meetings that were not done or dropped before it began.
- :func:`working_days_overdue`: counted in England and Wales working days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from assurance.domain import working_days as wd
from assurance.web.meetings.errors import EvidenceRequired, InvalidRecord, NotAllowed, NotFound
from assurance.web.meetings.models import (
    AccountRole,
    Action,
    ActionOwner,
    ActionStatusChange,
    Evidence,
    Meeting,
    london_start_of,
)
from assurance.web.meetings.record import (
    STANDARD_AGENDA,
    AgendaSpec,
    EngineFinding,
    add_attendee,
    agenda_item,
    create_meeting,
    find_meeting,
    record_finding,
    set_item_notes,
    topic,
)
from assurance.web.meetings.vocabulary import CLOSED_STATUSES, ActionStatus, Role
from assurance.web.typed import atomic

__all__ = [
    "STANDARD_AGENDA",
    "AgendaSpec",
    "EngineFinding",
    "add_action",
    "add_attendee",
    "agenda_item",
    "bank_holidays",
    "close_action",
    "create_meeting",
    "find_action",
    "find_meeting",
    "list_actions",
    "outstanding_actions",
    "record_finding",
    "set_item_notes",
    "status_as_of",
    "topic",
    "update_status",
    "working_days_overdue",
]

CLOSED = sorted(str(s) for s in CLOSED_STATUSES)


@cache
def bank_holidays() -> wd.HolidayCalendar:
    """England and Wales bank holidays (one calendar per process)."""
    return wd.england_and_wales_bank_holidays()


def parse_roles(roles: Iterable[Role | str]) -> list[Role]:
    """Roles from abbreviations or names: "DCC", "Head of Crime"; "CC DCC" gives two.
    Duplicates are dropped, order is kept."""
    parsed: list[Role] = []
    for entry in roles:
        for role in _roles_in(entry):
            if role not in parsed:
                parsed.append(role)
    return parsed


def _roles_in(entry: Role | str) -> list[Role]:
    if isinstance(entry, Role):
        return [entry]
    text = str(entry).strip()
    try:
        return [Role.parse(text)]
    except ValueError:
        words = text.replace(",", " ").split()
        if len(words) > 1:
            return [role for word in words for role in _roles_in(word)]
    known = ", ".join(r.value for r in Role)
    raise InvalidRecord(f"unknown role {text!r}: use one of {known}")


@atomic
def add_action(
    meeting: Meeting,
    number: str,
    text: str,
    owners: Sequence[Role | str],
    *,
    due: date | None = None,
    topic_title: str | None = None,
    by: str = "",
) -> Action:
    """Raise an action at ``meeting`` under agenda item ``number``; it starts "open"."""
    if not text.strip():
        raise InvalidRecord("an action needs its text (what is to be done)")
    roles = parse_roles(owners)
    if not roles:
        raise InvalidRecord("an action needs at least one owner role (--owner CC)")
    if due is not None and due < meeting.date:
        raise InvalidRecord(f"the due date {due} is before the meeting ({meeting.date})")
    item = agenda_item(meeting, number)
    within = topic(item, topic_title) if topic_title is not None else None
    action = Action.objects.create(
        meeting=meeting,
        item=item,
        topic=within,
        text=text.strip(),
        due_date=due,
        order=meeting.actions.count() + 1,
    )
    ActionOwner.objects.bulk_create(
        ActionOwner(action=action, role=role.value, order=i) for i, role in enumerate(roles)
    )
    ActionStatusChange.objects.create(
        action=action,
        status=ActionStatus.OPEN,
        at=meeting.starts_at,
        by=by or meeting.minute_taker or meeting.chair,
        note=f"Raised at the meeting of {meeting.date:%d %B %Y}",
    )
    return action


def find_action(action_id: int | str) -> Action:
    try:
        return Action.objects.select_related("meeting", "item", "topic").get(pk=int(action_id))
    except (Action.DoesNotExist, ValueError):
        raise NotFound(f"no action #{action_id}: list them with `assurance actions list`") from None


def _check_may_update(user: Any, action: Action) -> None:
    """The CLI (``user`` None) is the local operator; accounts need a permission."""
    if user is None or user.has_perm("meetings.change_action"):
        return
    if user.has_perm("meetings.update_own_action"):
        mine = set(
            AccountRole.objects.filter(user=user, force_code=action.meeting.force_code).values_list(
                "role", flat=True
            )
        )
        if mine & set(action.owner_roles):
            return
        raise NotAllowed(
            f"action #{action.pk} is owned by {action.owner_label}, not by your role: ask the "
            "PCC's office to update it, or to add your role to its owners"
        )
    raise NotAllowed("your account can only read the record: ask the PCC's office to update it")


def _effective(at: datetime | date | None, action: Action) -> datetime:
    if at is None:
        moment = timezone.now()
    elif isinstance(at, datetime):
        moment = at if timezone.is_aware(at) else timezone.make_aware(at)
    else:
        moment = london_start_of(at)
    if moment < action.meeting.starts_at:
        raise InvalidRecord(
            f"action #{action.pk} was raised on {action.meeting.date:%d %B %Y}; a change "
            "cannot take effect before that"
        )
    if moment > timezone.now() + timedelta(minutes=5):
        raise InvalidRecord("a change cannot take effect in the future")
    latest = action.history.order_by("-at", "-pk").first()
    if latest is not None and moment < latest.at:
        raise InvalidRecord(
            f"action #{action.pk} last changed on {timezone.localtime(latest.at):%d %B %Y}; a "
            "new change cannot take effect before that (give --on that date or later)"
        )
    return moment


def _append(
    action: Action, status: str, *, at: datetime, by: str, note: str, user: Any
) -> ActionStatusChange:
    change = ActionStatusChange.objects.create(
        action=action,
        status=status,
        at=at,
        by=by or (user.get_username() if user is not None else "unknown"),
        user=user,
        note=note.strip(),
    )
    action.status = status  # changes are appended in effective order (see _effective)
    action.save(update_fields=["status"])
    return change


@atomic
def update_status(
    action: Action,
    status: ActionStatus | str,
    *,
    note: str = "",
    by: str = "",
    at: datetime | date | None = None,
    user: Any = None,
) -> ActionStatusChange:
    """Move an action to open, in-progress or dropped (``done`` needs :func:`close_action`)."""
    try:
        new = ActionStatus(status)
    except ValueError:
        known = ", ".join(s.value for s in ActionStatus)
        raise InvalidRecord(f"unknown status {status!r}: use one of {known}") from None
    _check_may_update(user, action)
    if new == ActionStatus.DONE:
        raise EvidenceRequired(
            f"to mark action #{action.pk} done, close it with evidence: "
            f"`assurance actions close {action.pk} --evidence TEXT` or `--link URL`"
        )
    if new == ActionStatus.DROPPED and not note.strip():
        raise InvalidRecord(f"say why action #{action.pk} is dropped: add --note REASON")
    if action.status in CLOSED_STATUSES and new not in CLOSED_STATUSES:
        if user is not None and not user.has_perm("meetings.change_action"):
            raise NotAllowed("only the PCC's office can reopen a closed action")
        if not note.strip():
            raise InvalidRecord(f"say why action #{action.pk} is reopened: add --note REASON")
    return _append(action, new, at=_effective(at, action), by=by, note=note, user=user)


@atomic
def close_action(
    action: Action,
    *,
    evidence: str = "",
    link: str = "",
    note: str = "",
    by: str = "",
    at: datetime | date | None = None,
    user: Any = None,
) -> Evidence:
    """Mark an action done with the evidence that shows it: a description, a link, or both."""
    evidence, link = evidence.strip(), link.strip()
    if not evidence and not link:
        raise EvidenceRequired(
            f"action #{action.pk} cannot be closed without evidence: give --evidence TEXT "
            "saying what was done, or --link URL to where it is shown (or both)"
        )
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise InvalidRecord(
                f"{link!r} is not a web address: give a full http:// or https:// link"
            ) from None
    _check_may_update(user, action)
    if action.status == ActionStatus.DONE:
        raise InvalidRecord(f"action #{action.pk} is already done")
    moment = _effective(at, action)
    proof = Evidence.objects.create(
        action=action,
        text=evidence,
        url=link,
        added_at=moment,
        by=by or (user.get_username() if user is not None else "unknown"),
        user=user,
    )
    _append(action, ActionStatus.DONE, at=moment, by=proof.by, note=note, user=user)
    return proof


def _latest_status_before(moment: datetime) -> Subquery:
    changes = ActionStatusChange.objects.filter(action=OuterRef("pk"), at__lt=moment)
    return Subquery(changes.order_by("-at", "-pk").values("status")[:1])


def outstanding_actions(meeting: Meeting) -> QuerySet[Action]:
    """Actions raised at the force's earlier meetings and not done or dropped before this one
    began: the meeting's "Outstanding matters". Each carries ``status_then``."""
    then = Coalesce(
        _latest_status_before(meeting.starts_at),
        Value(ActionStatus.OPEN.value),
        output_field=CharField(),
    )
    return (
        Action.objects.filter(
            meeting__force_code=meeting.force_code, meeting__date__lt=meeting.date
        )
        .annotate(status_then=then)
        .exclude(status_then__in=CLOSED)
        .select_related("meeting", "item", "topic")
        .prefetch_related("owners", "history")
        .order_by("meeting__date", "order", "pk")
    )


def status_as_of(action: Action, moment: datetime) -> str:
    """The status an action had just before ``moment`` (open if nothing was recorded yet)."""
    earlier = [c for c in action.history.all() if c.at < moment]
    if not earlier:
        return ActionStatus.OPEN.value
    return str(max(earlier, key=lambda c: (c.at, c.pk)).status)


def working_days_overdue(
    action: Action, on: date | None = None, calendar: wd.HolidayCalendar | None = None
) -> int:
    """England and Wales working days past the due date on ``on`` (today when None).

    Zero when the action has no due date, is not yet due, or was done or dropped by the end
    of ``on``.
    """
    on = on or timezone.localdate()
    if action.due_date is None:
        return 0
    if status_as_of(action, london_start_of(on + timedelta(days=1))) in CLOSED:
        return 0
    return wd.working_days_overdue(action.due_date, on, calendar or bank_holidays())


def list_actions(
    *,
    force_code: str | None = None,
    meeting: Meeting | None = None,
    open_only: bool = False,
    overdue_on: date | None = None,
    owner: Role | str | None = None,
) -> list[Action]:
    """Actions, oldest meeting first; ``overdue_on`` keeps those overdue on that day."""
    actions = Action.objects.select_related("meeting", "item", "topic").prefetch_related(
        "owners", "history"
    )
    if force_code:
        actions = actions.filter(meeting__force_code=force_code)
    if meeting is not None:
        actions = actions.filter(meeting=meeting)
    if open_only or overdue_on is not None:
        actions = actions.exclude(status__in=CLOSED)
    if owner:
        actions = actions.filter(owners__role=parse_roles([owner])[0].value)
    ordered = list(actions.order_by("meeting__date", "order", "pk").distinct())
    if overdue_on is not None:
        ordered = [a for a in ordered if working_days_overdue(a, overdue_on) > 0]
    return ordered
