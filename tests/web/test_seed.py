"""The May 2016 meeting is recorded exactly as its notes say."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("db")


def test_the_meeting(may: Any) -> None:
    assert may.force_code == "west-mercia"
    assert may.date.isoformat() == "2016-05-31"
    assert may.start_time.isoformat(timespec="minutes") == "10:30"
    assert may.chair == "John Campion"
    assert (may.minute_taker, may.minute_taker_capacity) == ("Jackie Irvin", "Policy Officer, OPCC")
    assert may.venue == "PCC Conference Room – Hindlip"
    assert may.month_under_review.isoformat() == "2016-05-01"
    assert may.next_meeting_date.isoformat() == "2016-06-28"
    assert may.title == "Monthly Assurance Meeting May 2016"


def test_attendance(may: Any) -> None:
    present = [(a.name, a.role) for a in may.attendance.filter(present=True)]
    assert present == [
        ("John Campion", "PCC"),
        ("Andy Champness", "CEX"),
        ("David Shaw", "CC"),
        ("Anthony Bangham", "DCC"),
    ]
    assert not may.attendance.filter(present=False).exists()  # Apologies: None


def test_the_standard_agenda(may: Any) -> None:
    items = [(i.number, i.title) for i in may.items.all()]
    assert [n for n, _ in items] == ["1", "2", "3", "4", "4a", "4b", "4c", "5", "6"]
    assert items[4] == ("4a", "Performance against the Police and Crime Plan")
    assert items[6][1].startswith("HMIC inspection programme / matters arising")
    topics = [t.title for t in may.items.get(number="4a").topics.all()]
    assert topics == ["Victim satisfaction and 'follow up'", "Response times", "Crime outcomes"]


def test_findings_per_topic(may: Any) -> None:
    from assurance.web.meetings.models import Finding

    counts = Counter(
        (f.item.number, f.topic.title if f.topic else None)
        for f in Finding.objects.filter(item__meeting=may)
    )
    assert counts == {
        ("3", "Chief Officer Meeting"): 1,
        ("4a", "Victim satisfaction and 'follow up'"): 8,
        ("4a", "Response times"): 7,
        ("4a", "Crime outcomes"): 4,
        ("4b", "Force approach to anti social behaviour"): 1,
        ("4c", None): 4,
        ("5", None): 2,
    }


def test_the_six_actions_arising_and_their_owners(may: Any) -> None:
    actions = list(may.actions.all())
    assert [(a.topic.title, a.owner_label) for a in actions] == [
        ("Victim satisfaction and 'follow up'", "CC"),
        ("Victim satisfaction and 'follow up'", "DCC"),
        ("Victim satisfaction and 'follow up'", "DCC"),
        ("Crime outcomes", "CEX"),
        ("Crime outcomes", "CEX"),
        ("Crime outcomes", "CEX"),
    ]
    assert actions[0].text.startswith("The status and delivery time of Track my Crime")
    assert actions[5].text == "PCC to meet the CPS lead for the West Midlands."
    assert {a.due_date.isoformat() for a in actions} == {"2016-06-28"}
    assert {a.status for a in actions} == {"open"}
    owners = Counter(role for a in actions for role in a.owner_roles)
    assert owners == {"CEX": 3, "DCC": 2, "CC": 1}


def test_each_action_starts_open_at_the_meeting(may: Any) -> None:
    for action in may.actions.all():
        (first,) = action.history.all()
        assert (first.status, first.at, first.by) == ("open", may.starts_at, "Jackie Irvin")
    assert may.starts_at.isoformat() == "2016-05-31T09:30:00+00:00"  # 10.30 BST


def test_recording_it_again_changes_nothing(may: Any) -> None:
    from assurance.web.meetings.models import Action, Finding, Meeting
    from assurance.web.meetings.seed import record_may_2016_meeting

    before = (Meeting.objects.count(), Action.objects.count(), Finding.objects.count())
    assert record_may_2016_meeting().pk == may.pk
    assert (Meeting.objects.count(), Action.objects.count(), Finding.objects.count()) == before


def test_the_seed_notes_have_six_actions() -> None:
    """Cross-check against the notes themselves: the owner words in the ACTION column."""
    from tests.conftest import need_shared

    text = need_shared("seed/monthly-assurance-meeting-2016-05.txt").read_text(encoding="utf-8")
    owner_lines = [
        line.split()
        for line in text.splitlines()
        if line.strip() and set(line.split()) <= {"CC", "DCC", "CEX"}
    ]
    words = [w for line in owner_lines for w in line]
    assert words == ["CC", "DCC", "DCC", "CEX", "CEX", "CEX"]  # one owner an action
