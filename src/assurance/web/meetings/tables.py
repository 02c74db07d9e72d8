"""Rich tables of meetings and actions, for the ``meeting`` and ``actions`` commands."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from assurance.web.meetings.models import Action, Meeting


def meetings_table(force: str | None) -> Table:
    from assurance.web.meetings.models import Meeting

    meetings = Meeting.objects.all()
    if force:
        meetings = meetings.filter(force_code=force)
    table = Table(title="Meetings", title_justify="left")
    for name in ("no.", "date", "force", "chair", "actions", "next meeting"):
        table.add_column(name)
    for m in meetings:
        next_on = m.next_meeting_date.isoformat() if m.next_meeting_date else ""
        row = (m.date.isoformat(), m.force_code, escape(m.chair), str(m.actions.count()), next_on)
        table.add_row(str(m.pk), *row)
    return table


def agenda_table(meeting: Meeting) -> Table:
    table = Table(title="Agenda", title_justify="left")
    for name in ("item", "title", "topics", "findings", "actions"):
        table.add_column(name, justify="left" if name in ("item", "title") else "right")
    for item in meeting.items.all():
        table.add_row(
            item.number,
            escape(item.title),
            str(item.topics.count()),
            str(item.findings.count()),
            str(item.actions.count()),
        )
    return table


def actions_table(title: str, actions: list[Action], on: date) -> Table:
    from assurance.web.meetings.services import working_days_overdue

    table = Table(title=title, title_justify="left")
    table.add_column("no.", justify="right", no_wrap=True)
    table.add_column("raised", no_wrap=True)
    table.add_column("item", no_wrap=True)
    table.add_column("action", ratio=1, min_width=16)
    table.add_column("owners")
    table.add_column("status")
    table.add_column("due", no_wrap=True)
    if not actions:
        table.add_row("", "", "", "None", "", "", "")
    for a in actions:
        late = working_days_overdue(a, on=on)
        due = a.due_date.isoformat() if a.due_date else ""
        if late:
            due += f"\n[bold red]{late} wd late[/]"
        row = (a.item.number, escape(a.text), a.owner_label, a.status, due)
        table.add_row(str(a.pk), a.meeting.date.isoformat(), *row)
    table.caption = "wd late: England and Wales working days past the due date"
    return table
