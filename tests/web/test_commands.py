"""The meeting and actions commands, through typer's CliRunner."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from assurance.web.meetings.commands import actions_app, meeting_app

pytestmark = pytest.mark.usefixtures("db")

app = typer.Typer()
app.add_typer(meeting_app, name="meeting")
app.add_typer(actions_app, name="actions")


def run(command: str, code: int = 0) -> str:
    """Run ``assurance <command>``; its output (stdout and stderr) on one line."""
    result = CliRunner().invoke(app, shlex.split(command), env={"COLUMNS": "250"})
    output = result.stdout + (result.stderr or "")
    assert result.exit_code == code, output
    return " ".join(output.split())


def test_seed_then_show(db: str) -> None:
    assert "Monthly Assurance Meeting May 2016 (west-mercia)" in run("meeting seed")
    run("meeting seed")  # idempotent
    shown = run("meeting show 2016-05-31")
    assert "Anthony Bangham" in shown and "Outstanding matters (carried forward)" in shown
    assert "PCC to meet the CPS lead for the West Midlands." in shown
    listing = run("meeting show")
    assert "2016-05-31" in listing and "west-mercia" in listing


def test_new_meeting_carries_forward(may: Any) -> None:
    from assurance.web.meetings.models import Meeting

    out = run(
        "meeting new --date 2016-06-28 --time 10.30 --force west-mercia --chair 'John Campion'"
        " --minutes-by 'Jackie Irvin' --next 2016-07-26 --present 'John Campion=PCC'"
        " --present 'Andy Champness=CEX' --apologies 'David Shaw=CC'"
    )
    assert "Monthly Assurance Meeting June 2016" in out
    assert "6 open actions carried forward" in out
    june = Meeting.objects.get(date="2016-06-28")
    assert [(a.name, a.role, a.present) for a in june.attendance.all()] == [
        ("John Campion", "PCC", True),
        ("Andy Champness", "CEX", True),
        ("David Shaw", "CC", False),
    ]
    assert june.attendance.get(role="CC").capacity == "Chief Constable"


def test_new_meeting_errors_say_what_to_do(may: Any) -> None:
    out = run("meeting new --date 31/05/2016 --force west-mercia --chair x", code=2)
    assert "write it as YYYY-MM-DD" in out
    out = run("meeting new --date 2016-05-31 --force west-mercia --chair x", code=2)
    assert "already has a meeting on 31 May 2016" in out


def test_actions_add_update_close(may: Any) -> None:
    out = run(
        "actions add 2016-05-31 --item 4c --text 'Share the audit plan' --owner DCC"
        " --owner FCR --due 2016-06-28 --by 'Jackie Irvin'"
    )
    assert "(DCC FCR)" in out
    action = may.actions.get(text="Share the audit plan")
    out = run(
        f"actions update {action.pk} --status in-progress --note Drafted --on 2016-06-01 --by FCR"
    )
    assert "is now in-progress" in out
    out = run(f"actions close {action.pk}", code=2)
    assert "cannot be closed without evidence: give --evidence TEXT" in out
    action.refresh_from_db()
    assert action.status == "in-progress"
    link = "https://example.org/audit-plan"
    out = run(f"actions close {action.pk} --link {link} --on 2016-06-10 --by FCR")
    assert f"Closed action {action.pk} with evidence." in out
    action.refresh_from_db()
    assert action.status == "done"
    assert action.evidence.get().url == link
    assert [c.by for c in action.history.all()] == ["Jackie Irvin", "FCR", "FCR"]


def test_update_to_done_points_to_close(may: Any) -> None:
    pk = may.actions.first().pk
    out = run(f"actions update {pk} --status done", code=2)
    assert f"assurance actions close {pk} --evidence TEXT" in out
    assert "unknown status 'finished'" in run(f"actions update {pk} --status finished", code=2)
    assert "no action #99999" in run("actions close 99999 --evidence x", code=2)


def test_actions_list_filters(may: Any) -> None:
    first = may.actions.order_by("order").first()
    run(f"actions close {first.pk} --evidence Established --on 2016-06-20")
    assert run("actions list").count("2016-05-31") == 6
    assert run("actions list --open").count("2016-05-31") == 5
    assert run("actions list --owner CEX").count("CEX") == 3
    overdue = run("actions list --overdue --on 2016-07-05")
    assert overdue.count("2016-05-31") == 5 and "5 wd" in overdue  # 29 June to 5 July
    assert "None" in run("actions list --overdue --on 2016-06-28")
    assert "unknown role 'Sheriff'" in run("actions list --owner Sheriff", code=2)


def test_minutes_command(may: Any, tmp_path: Path) -> None:
    out = run(f"meeting minutes 2016-05-31 --format pdf --out {tmp_path}")
    assert "Wrote the minutes of 31 May 2016" in out
    assert (tmp_path / "minutes-west-mercia-2016-05-31.pdf").read_bytes().startswith(b"%PDF")
    html = tmp_path / "may.html"
    run(f"meeting minutes {may.pk} --out {html}")
    assert "Actions arising" in html.read_text(encoding="utf-8")
    assert "no meeting '2015-01-01'" in run("meeting minutes 2015-01-01", code=2)


def test_finding_command(may: Any) -> None:
    out = run(
        "meeting finding 2016-05-31 --item 4a --topic 'Response times'"
        " --text 'Shift changeover adds two minutes.' --engine-key response.shift_change"
        " --measure emergency_attendance_minutes"
    )
    assert "under item 4a" in out
    finding = may.items.get(number="4a").findings.get(text="Shift changeover adds two minutes.")
    assert finding.topic.title == "Response times"
    assert finding.measure_id == "emergency_attendance_minutes"
