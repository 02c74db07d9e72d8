"""Actions: carry-forward, closing with evidence, status history, working days overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("db")


def _actions(meeting: Any) -> list[Any]:
    return list(meeting.actions.order_by("order"))


def test_june_carries_forward_mays_open_actions(may: Any, june: Any) -> None:
    from assurance.web.meetings.services import outstanding_actions

    carried = list(outstanding_actions(june))
    assert [a.pk for a in carried] == [a.pk for a in _actions(may)]
    assert {a.status_then for a in carried} == {"open"}
    assert not outstanding_actions(may).exists()  # May had no earlier meeting


def test_a_closed_action_is_no_longer_outstanding(may: Any, june: Any) -> None:
    from assurance.web.meetings import services

    briefing = _actions(may)[3]
    proof = services.close_action(
        briefing, evidence="Briefing held with the Head of Crime", at=date(2016, 6, 14), by="CEX"
    )
    assert proof.text == "Briefing held with the Head of Crime"
    briefing.refresh_from_db()
    assert briefing.status == "done"
    carried = [a.pk for a in services.outstanding_actions(june)]
    assert briefing.pk not in carried
    assert len(carried) == 5


def test_dropped_actions_disappear_and_in_progress_ones_stay(may: Any, june: Any) -> None:
    from assurance.web.meetings import services

    first, second = _actions(may)[:2]
    services.update_status(first, "in-progress", note="Asked Athena", at=date(2016, 6, 1))
    services.update_status(
        second, "dropped", note="Covered by the national review", at=date(2016, 6, 2)
    )
    carried = {a.pk: a.status_then for a in services.outstanding_actions(june)}
    assert carried[first.pk] == "in-progress"
    assert second.pk not in carried


def test_closing_after_the_meeting_began_still_shows_it_as_outstanding(may: Any, june: Any) -> None:
    """Outstanding matters are as at the start of the meeting: closing one later, even the
    same afternoon, does not rewrite that meeting's minutes."""
    from assurance.web.meetings import services

    action = _actions(may)[4]
    services.close_action(
        action,
        link="https://example.org/scrutiny-report-2015-16",
        at=datetime(2016, 6, 28, 14, 0, tzinfo=UTC),
    )
    assert action.pk in [a.pk for a in services.outstanding_actions(june)]


def test_other_forces_and_later_meetings_do_not_carry_over(may: Any, june: Any) -> None:
    from assurance.web.meetings import services

    other = services.create_meeting(force_code="warwickshire", on=date(2016, 6, 28), chair="PCC")
    assert not services.outstanding_actions(other).exists()
    raised_in_june = services.add_action(june, "4b", "Brief the PCC on ASB", ["ACC"])
    assert not services.outstanding_actions(may).exists()
    july = services.create_meeting(force_code="west-mercia", on=date(2016, 7, 26), chair="PCC")
    assert raised_in_june.pk in [a.pk for a in services.outstanding_actions(july)]
    assert services.outstanding_actions(july).count() == 7


@pytest.mark.parametrize("evidence, link", [("", ""), ("   ", ""), ("", "  ")])
def test_closing_without_evidence_is_refused(may: Any, evidence: str, link: str) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import EvidenceRequired

    action = _actions(may)[0]
    with pytest.raises(EvidenceRequired, match="--evidence TEXT") as caught:
        services.close_action(action, evidence=evidence, link=link)
    assert caught.value.exit_code == 2
    action.refresh_from_db()
    assert action.status == "open"
    assert not action.evidence.exists()


def test_done_only_through_close(may: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import EvidenceRequired

    with pytest.raises(EvidenceRequired, match="close it with evidence"):
        services.update_status(_actions(may)[0], "done")


def test_a_link_must_be_a_web_address(may: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import InvalidRecord

    with pytest.raises(InvalidRecord, match="not a web address"):
        services.close_action(_actions(may)[0], link="see the shared drive")


def test_the_database_refuses_evidence_with_neither_text_nor_link(may: Any) -> None:
    from django.db import IntegrityError, transaction

    from assurance.web.meetings.models import Evidence

    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(action=_actions(may)[0], added_at=may.starts_at, by="x")


def test_dropping_needs_a_reason_and_reopening_too(may: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import InvalidRecord

    action = _actions(may)[1]
    with pytest.raises(InvalidRecord, match="why"):
        services.update_status(action, "dropped")
    services.update_status(action, "dropped", note="superseded", at=date(2016, 6, 1))
    with pytest.raises(InvalidRecord, match="reopened"):
        services.update_status(action, "open")
    services.update_status(action, "open", note="not superseded after all", at=date(2016, 6, 3))
    assert [c.status for c in action.history.all()] == ["open", "dropped", "open"]
    assert action.status == "open"


def test_changes_cannot_predate_the_meeting(may: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import InvalidRecord

    with pytest.raises(InvalidRecord, match="before that"):
        services.update_status(_actions(may)[0], "in-progress", at=date(2016, 5, 30))


def test_history_is_appended_in_order(may: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import InvalidRecord

    action = _actions(may)[0]
    services.update_status(action, "in-progress", note="later", at=date(2016, 6, 20))
    with pytest.raises(InvalidRecord, match="last changed on 20 June 2016"):
        services.update_status(action, "open", note="typed in afterwards", at=date(2016, 6, 10))
    assert action.status == "in-progress"


def test_working_days_overdue_across_the_2016_bank_holidays(may: Any) -> None:
    from assurance.web.meetings import services

    action = services.add_action(
        may,
        "4a",
        "Report back on follow-up calls",
        ["DCC"],
        due=date(2016, 8, 26),
        topic_title="Victim satisfaction and 'follow up'",
    )
    overdue = services.working_days_overdue
    assert overdue(action, on=date(2016, 8, 26)) == 0
    assert overdue(action, on=date(2016, 8, 29)) == 0  # Summer bank holiday
    assert overdue(action, on=date(2016, 8, 30)) == 1
    assert overdue(action, on=date(2016, 12, 30)) == 87  # 90 weekdays less 29 Aug, 26, 27 Dec
    mays = _actions(may)[0]  # due Tuesday 28 June 2016
    assert overdue(mays, on=date(2016, 6, 28)) == 0
    assert overdue(mays, on=date(2016, 7, 5)) == 5
    services.close_action(mays, evidence="Established: Athena phase 2", at=date(2016, 7, 4))
    assert overdue(mays, on=date(2016, 7, 1)) == 3  # still open then
    assert overdue(mays, on=date(2016, 7, 5)) == 0  # done by then


def test_list_actions_filters(may: Any, june: Any) -> None:
    from assurance.web.meetings import services

    services.close_action(_actions(may)[3], evidence="done", at=date(2016, 6, 14))
    assert len(services.list_actions()) == 6
    assert len(services.list_actions(open_only=True)) == 5
    assert [a.owner_label for a in services.list_actions(owner="dcc")] == ["DCC", "DCC"]
    assert len(services.list_actions(owner="Chief Executive Officer, OPCC")) == 3
    assert services.list_actions(overdue_on=date(2016, 6, 28)) == []
    assert len(services.list_actions(overdue_on=date(2016, 6, 29))) == 5
    assert services.list_actions(force_code="warwickshire") == []


def test_several_owners_and_unknown_roles(may: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import InvalidRecord

    action = services.add_action(may, "4c", "Share the audit plan", ["CC DCC", "Head of Crime"])
    assert action.owner_label == "CC DCC HOC"
    with pytest.raises(InvalidRecord, match="unknown role 'Sheriff'"):
        services.add_action(may, "4c", "x", ["Sheriff"])
    with pytest.raises(InvalidRecord, match="at least one owner"):
        services.add_action(may, "4c", "x", [])


def test_a_finding_can_carry_an_engine_finding(may: Any) -> None:
    from assurance.web.meetings import services

    finding = services.record_finding(
        may,
        "4a",
        "Follow-up is the weakest stage.",
        topic_title="Victim satisfaction and 'follow up'",
        engine=services.EngineFinding(
            "satisfaction.kept_informed.lowest_stage",
            "satisfaction_kept_informed",
            {"rate": 0.71, "month": date(2016, 5, 1), "interval": [0.68, 0.74]},
        ),
    )
    finding.refresh_from_db()
    assert finding.engine_finding_key == "satisfaction.kept_informed.lowest_stage"
    assert finding.evidence == {"rate": 0.71, "month": "2016-05-01", "interval": [0.68, 0.74]}
    assert finding.topic.title == "Victim satisfaction and 'follow up'"


def test_one_meeting_a_day_per_force(may: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import InvalidRecord

    with pytest.raises(InvalidRecord, match="already has a meeting"):
        services.create_meeting(force_code="west-mercia", on=may.date, chair="x")


def test_unknown_agenda_item_lists_the_real_ones(may: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import NotFound

    with pytest.raises(NotFound, match="1, 2, 3, 4, 4a, 4b, 4c, 5, 6"):
        services.add_action(may, "7", "x", ["CC"])
