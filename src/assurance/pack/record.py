"""What the pack takes from the meeting record (the app database): the actions still open
from earlier meetings ("1 Outstanding matters") and the dates of the meetings.

The pack for month M serves the meeting that reviews M. When the record holds that meeting,
its outstanding matters are exactly what the minutes will print (``outstanding_actions``:
actions raised at the force's earlier meetings, not done or dropped before it began), and the
next meeting is the one it set. Otherwise the meeting is taken to be on the last Tuesday of
M, and the outstanding matters are the actions raised at the force's meetings up to the end of
M that were still open at that date.

The record is optional: without Django, without an app database, or when the app database
belongs to another data folder, the pack says no record is held. Django is imported only here,
and only when the record is asked for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assurance.config import Settings
from assurance.pack.formats import last_tuesday, month_after, month_end
from assurance.pack.model import ActionLine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MeetingRecord:
    """The meeting the pack serves, as far as the record knows it."""

    meeting_date: date
    recorded: bool
    """True when the record holds the meeting that reviews the pack's month."""
    next_meeting: date | None
    actions: tuple[ActionLine, ...]


def default_meeting(month: str) -> date:
    """The meeting that reviews ``month``: its last Tuesday."""
    year, mon = month_after(month, 0)
    return last_tuesday(year, mon)


def default_next_meeting(month: str) -> date:
    """The meeting after: the last Tuesday of the following month."""
    return last_tuesday(*month_after(month, 1))


def _django_ready(settings: Settings) -> bool:
    """Set Django up for the app database of ``settings``' data folder, if it has one."""
    try:
        from django.apps import apps

        from assurance.web.environment import WebSettings, database_settings
    except ImportError:  # the web app is an optional part
        return False
    env = WebSettings()
    if apps.ready:
        from django.conf import settings as django_settings

        data_dir = Path(getattr(django_settings, "DATA_DIR", env.data_dir))
    else:
        data_dir = env.data_dir
    if not env.app_database and data_dir.resolve() != settings.data_dir.resolve():
        log.info(
            "the app database belongs to %s, not to %s: no meeting record used",
            data_dir,
            settings.data_dir,
        )
        return False
    if not apps.ready:
        db = database_settings(env)
        if db["ENGINE"].endswith("sqlite3") and not Path(db["NAME"]).exists():
            log.info("no app database at %s: no meeting record used", db["NAME"])
            return False
        from assurance.web import bootstrap

        bootstrap.setup()
    return True


def load_record(settings: Settings, force: str, month: str) -> MeetingRecord | None:
    """The meeting record for ``force``'s pack of ``month``, or None when none is held."""
    if not _django_ready(settings):
        return None
    from django.db import DatabaseError

    try:
        return _query(force, month)
    except DatabaseError as exc:
        log.warning("could not read the meeting record (%s): no outstanding matters listed", exc)
        return None


def _query(force: str, month: str) -> MeetingRecord | None:
    from assurance.web.meetings.models import Action, Meeting, london_start_of
    from assurance.web.meetings.services import (
        CLOSED,
        outstanding_actions,
        status_as_of,
    )

    end = month_end(month)
    first = end.replace(day=1)
    meetings = Meeting.objects.filter(force_code=force)
    if not meetings.filter(date__lte=end).exists():
        return None
    served = meetings.filter(month_under_review=first).order_by("-date").first()
    if served is not None:
        actions: list[Any] = list(outstanding_actions(served))
        on = served.date
        moment = served.starts_at
        next_meeting = served.next_meeting_date
    else:
        on = default_meeting(month)
        moment = london_start_of(on)
        raised = (
            Action.objects.filter(meeting__force_code=force, meeting__date__lte=end)
            .select_related("meeting", "item", "topic")
            .prefetch_related("owners", "history")
            .order_by("meeting__date", "order", "pk")
        )
        actions = [a for a in raised if status_as_of(a, moment) not in CLOSED]
        for a in actions:
            a.status_then = status_as_of(a, moment)
        later = meetings.filter(date__gt=end).order_by("date").first()
        next_meeting = later.date if later is not None else None
    lines = tuple(_line(a, on, moment) for a in actions)
    log.info("meeting record: %d outstanding actions for %s %s", len(lines), force, month)
    return MeetingRecord(on, served is not None, next_meeting, lines)


def _line(action: Any, on: date, moment: datetime) -> ActionLine:
    from assurance.web.meetings.services import working_days_overdue
    from assurance.web.meetings.vocabulary import ActionStatus

    status = ActionStatus(getattr(action, "status_then", action.status)).label
    notes = [c.note for c in action.history.all() if c.note and c.at < moment]
    where = action.item.number + (f", {action.topic.title}" if action.topic else "")
    return ActionLine(
        number=int(action.pk),
        text=str(action.text),
        owners=str(action.owner_label),
        raised=action.meeting.date,
        item=where,
        due=action.due_date,
        status=status.lower(),
        overdue_days=working_days_overdue(action, on=on),
        latest_update=notes[-1] if len(notes) > 1 else "",
    )
