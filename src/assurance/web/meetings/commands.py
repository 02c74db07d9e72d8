"""Command-line commands for meetings and actions: ``meeting_app`` and ``actions_app``.

Wire them into the main command with ``app.add_typer(meeting_app, name="meeting")`` and
``app.add_typer(actions_app, name="actions")``. Django is imported only when a command runs,
so ``assurance --help`` stays fast.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assurance.errors import AssuranceError
from assurance.web.meetings import tables
from assurance.web.meetings.errors import InvalidRecord

if TYPE_CHECKING:
    from assurance.web.meetings.models import Meeting

meeting_app = typer.Typer(
    help="Monthly assurance meetings: record one, show it, write its minutes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
actions_app = typer.Typer(
    help="Actions from meetings: list, add, update and close them (with evidence).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _out() -> Console:
    """A console made per command, so it reads the terminal width (COLUMNS) as it runs."""
    return Console()


ForceOption = Annotated[
    str | None, typer.Option("--force", help="Force code (police.uk id), e.g. west-mercia.")
]
ByOption = Annotated[str, typer.Option("--by", help="Who made the change (default: you).")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="Date it took effect, YYYY-MM-DD (default: now).")
]


@contextmanager
def _app_database() -> Iterator[None]:
    """Set up Django and the app database; print Assurance errors as one line and exit."""
    try:
        from assurance.web.bootstrap import setup

        setup(migrate=True)
        yield
    except AssuranceError as exc:
        Console(stderr=True).print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(exc.exit_code) from exc


def _date(text: str | None, option: str) -> date | None:
    if text is None or text == "":
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidRecord(f"{option} {text!r} is not a date: write it as YYYY-MM-DD") from None


def _time(text: str | None) -> time | None:
    if not text:
        return None
    try:
        return time.fromisoformat(text.strip().replace(".", ":"))
    except ValueError:
        raise InvalidRecord(f"--time {text!r} is not a time: write it as HH:MM") from None


def _month(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip() + "-01")
    except ValueError:
        raise InvalidRecord(f"--month {text!r} is not a month: write it as YYYY-MM") from None


def _me() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "command line"


def _person(text: str) -> tuple[str, str, str]:
    """ "Name=ROLE" or "Name=ROLE=Capacity" (the role may be empty: "Name=")."""
    name, _, rest = text.partition("=")
    role, _, capacity = rest.partition("=")
    return name.strip(), role.strip(), capacity.strip()


# meeting ---------------------------------------------------------------------------------


@meeting_app.command("new")
def new_meeting(
    on: Annotated[str, typer.Option("--date", help="Meeting date, YYYY-MM-DD.")],
    force: Annotated[str, typer.Option("--force", help="Force code, e.g. west-mercia.")],
    chair: Annotated[str, typer.Option("--chair", help="Who chairs it.")],
    at: Annotated[str | None, typer.Option("--time", help="Start time, HH:MM.")] = None,
    minutes_by: Annotated[str, typer.Option("--minutes-by", help="Minute-taker.")] = "",
    minutes_capacity: Annotated[
        str, typer.Option("--minutes-capacity", help="Minute-taker's capacity.")
    ] = "",
    venue: Annotated[str, typer.Option("--venue")] = "",
    month: Annotated[
        str | None, typer.Option("--month", help="Month under review, YYYY-MM (default: same).")
    ] = None,
    next_on: Annotated[
        str | None, typer.Option("--next", help="Date of the next meeting, YYYY-MM-DD.")
    ] = None,
    present: Annotated[
        list[str] | None,
        typer.Option("--present", help='Someone present: "Name=ROLE" or "Name=ROLE=Capacity".'),
    ] = None,
    apologies: Annotated[
        list[str] | None, typer.Option("--apologies", help='Apologies from "Name=ROLE".')
    ] = None,
) -> None:
    """Record a new meeting with the standard agenda; open actions carry forward to it."""
    with _app_database():
        from assurance.web.meetings import services
        from assurance.web.typed import atomic

        @atomic
        def record() -> Meeting:
            meeting = services.create_meeting(
                force_code=force,
                on=_date(on, "--date") or date.today(),
                start_time=_time(at),
                chair=chair,
                minute_taker=minutes_by,
                minute_taker_capacity=minutes_capacity,
                venue=venue,
                month_under_review=_month(month),
                next_meeting_date=_date(next_on, "--next"),
            )
            for entries, here in ((present or [], True), (apologies or [], False)):
                for entry in entries:
                    name, role, capacity = _person(entry)
                    services.add_attendee(meeting, name, role, capacity, present=here)
            return meeting

        meeting = record()
        carried = services.outstanding_actions(meeting).count()
        _out().print(
            f"Recorded meeting {meeting.pk}: {escape(meeting.title)} ({meeting.force_code}); "
            f"{carried} open action{'s' if carried != 1 else ''} carried forward as outstanding "
            "matters."
        )
        _out().print(tables.agenda_table(meeting))


@meeting_app.command("show")
def show_meeting(
    reference: Annotated[
        str | None, typer.Argument(help="Meeting number or date (YYYY-MM-DD); none lists them.")
    ] = None,
    force: ForceOption = None,
) -> None:
    """Show a meeting: attendance, agenda, outstanding matters and actions raised."""
    with _app_database():
        from assurance.web.meetings import services

        console = _out()
        if reference is None:
            console.print(tables.meetings_table(force))
            return
        meeting = services.find_meeting(reference, force)
        when = f"{meeting.date:%A %d %B %Y}"
        if meeting.start_time:
            when += f" at {meeting.start_time:%H:%M}"
        console.print(f"[bold]{escape(meeting.title)}[/] ({meeting.force_code}, no. {meeting.pk})")
        console.print(
            f"{when}; chair {escape(meeting.chair)}; venue {escape(meeting.venue or '-')}"
        )
        people = Table(title="Attendance", title_justify="left")
        for name in ("name", "capacity", "role", "present"):
            people.add_column(name)
        for a in meeting.attendance.all():
            here = "yes" if a.present else "apologies"
            people.add_row(escape(a.name), escape(a.capacity), a.role, here)
        console.print(people)
        console.print(tables.agenda_table(meeting))
        carried = list(services.outstanding_actions(meeting))
        console.print(
            tables.actions_table("Outstanding matters (carried forward)", carried, meeting.date)
        )
        raised = services.list_actions(meeting=meeting)
        console.print(tables.actions_table("Actions arising at this meeting", raised, date.today()))


@meeting_app.command("minutes")
def minutes(
    reference: Annotated[str, typer.Argument(help="Meeting number or date (YYYY-MM-DD).")],
    fmt: Annotated[str, typer.Option("--format", help="html or pdf.")] = "html",
    out_path: Annotated[
        Path, typer.Option("--out", help="File to write, or a folder to write it in.")
    ] = Path("."),
    force: ForceOption = None,
) -> None:
    """Write the minutes of a meeting as HTML or PDF."""
    with _app_database():
        from assurance.web.meetings import services
        from assurance.web.meetings.minutes import write_minutes

        meeting = services.find_meeting(reference, force)
        written = write_minutes(meeting, out_path, fmt.lower())
        _out().print(f"Wrote the minutes of {meeting.date:%d %B %Y} to {escape(str(written))}")


@meeting_app.command("finding")
def add_finding(
    reference: Annotated[str, typer.Argument(help="Meeting number or date (YYYY-MM-DD).")],
    item: Annotated[str, typer.Option("--item", help="Agenda item number, e.g. 4a.")],
    text: Annotated[str, typer.Option("--text", help="The finding, as the minutes say it.")],
    topic: Annotated[str | None, typer.Option("--topic", help="Topic within the item.")] = None,
    engine_key: Annotated[
        str, typer.Option("--engine-key", help="Key of the engine finding it came from.")
    ] = "",
    measure: Annotated[str, typer.Option("--measure", help="Measure id of that finding.")] = "",
    force: ForceOption = None,
) -> None:
    """Record a finding under an agenda item (optionally linked to an engine finding)."""
    with _app_database():
        from assurance.web.meetings import services

        meeting = services.find_meeting(reference, force)
        engine = services.EngineFinding(engine_key, measure) if engine_key else None
        finding = services.record_finding(meeting, item, text, topic_title=topic, engine=engine)
        _out().print(f"Recorded finding {finding.pk} under item {finding.item.number}.")


@meeting_app.command("seed")
def seed() -> None:
    """Record the May 2016 West Mercia meeting from its notes (does nothing if recorded)."""
    with _app_database():
        from assurance.web.meetings.seed import record_may_2016_meeting

        meeting = record_may_2016_meeting()
        _out().print(f"Meeting {meeting.pk}: {escape(meeting.title)} ({meeting.force_code}).")


# actions ---------------------------------------------------------------------------------


@actions_app.command("list")
def list_actions(
    open_only: Annotated[
        bool, typer.Option("--open", help="Only those not done or dropped.")
    ] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    owner: Annotated[str | None, typer.Option("--owner", help="Only this owner, e.g. DCC.")] = None,
    meeting: Annotated[
        str | None, typer.Option("--meeting", help="Only actions raised at this meeting.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Count overdue as at this date (default: today).")
    ] = None,
    force: ForceOption = None,
) -> None:
    """List actions, oldest first, with how many working days each is overdue."""
    with _app_database():
        from assurance.web.meetings import services

        as_at = _date(on, "--on") or date.today()
        raised_at = services.find_meeting(meeting, force) if meeting else None
        actions = services.list_actions(
            force_code=force,
            meeting=raised_at,
            open_only=open_only,
            overdue_on=as_at if overdue else None,
            owner=owner,
        )
        _out().print(
            tables.actions_table(f"Actions as at {as_at.day} {as_at:%B %Y}", actions, as_at)
        )


@actions_app.command("add")
def add_action(
    reference: Annotated[str, typer.Argument(help="Meeting number or date it was raised at.")],
    text: Annotated[str, typer.Option("--text", help="What is to be done.")],
    owners: Annotated[list[str], typer.Option("--owner", help="Owner role; repeat for several.")],
    item: Annotated[str, typer.Option("--item", help="Agenda item number, e.g. 4a.")],
    due: Annotated[str | None, typer.Option("--due", help="Due date, YYYY-MM-DD.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Topic within the item.")] = None,
    by: ByOption = "",
    force: ForceOption = None,
) -> None:
    """Add an action raised at a meeting."""
    with _app_database():
        from assurance.web.meetings import services

        meeting = services.find_meeting(reference, force)
        action = services.add_action(
            meeting,
            item,
            text,
            owners,
            due=_date(due, "--due"),
            topic_title=topic,
            by=by or _me(),
        )
        _out().print(
            f"Added action {action.pk} ({action.owner_label}), due {action.due_date or '-'}."
        )


@actions_app.command("update")
def update_action(
    action_id: Annotated[int, typer.Argument(help="Action number.")],
    status: Annotated[
        str, typer.Option("--status", help="open, in-progress or dropped (done: use close).")
    ],
    note: Annotated[str, typer.Option("--note", help="What changed, or why.")] = "",
    by: ByOption = "",
    on: OnOption = None,
) -> None:
    """Change the status of an action, with a note."""
    with _app_database():
        from assurance.web.meetings import services

        action = services.find_action(action_id)
        services.update_status(
            action, status.strip().lower(), note=note, by=by or _me(), at=_date(on, "--on")
        )
        _out().print(f"Action {action.pk} is now {action.status}.")


@actions_app.command("close")
def close_action(
    action_id: Annotated[int, typer.Argument(help="Action number.")],
    evidence: Annotated[str, typer.Option("--evidence", help="What was done, as evidence.")] = "",
    link: Annotated[str, typer.Option("--link", help="Link to the evidence (https://...).")] = "",
    note: Annotated[str, typer.Option("--note")] = "",
    by: ByOption = "",
    on: OnOption = None,
) -> None:
    """Close an action as done. Needs --evidence TEXT or --link URL (or both)."""
    with _app_database():
        from assurance.web.meetings import services

        action = services.find_action(action_id)
        services.close_action(
            action,
            evidence=evidence,
            link=link,
            note=note,
            by=by or _me(),
            at=_date(on, "--on"),
        )
        _out().print(f"Closed action {action.pk} with evidence.")
