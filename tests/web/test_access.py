"""Accounts and groups: least privilege, and a force user updates only its own actions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def accounts(may: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import Argon2PasswordHasher

    # Still argon2, at test strength: Django's defaults take ~0.6 s a hash on two cores.
    for name, value in (("time_cost", 1), ("memory_cost", 1024), ("parallelism", 1)):
        monkeypatch.setattr(Argon2PasswordHasher, name, value)

    from assurance.web.meetings.access import create_demo_accounts

    made = create_demo_accounts(password="correct horse battery staple")
    assert set(made) == {"opcc", "chief-constable", "deputy-chief-constable", "viewer"}
    users = get_user_model().objects
    return {name: users.get(username=name) for name in made}


def test_passwords_are_hashed_with_argon2(accounts: dict[str, Any]) -> None:
    user = accounts["opcc"]
    assert user.password.startswith("argon2$")
    assert user.check_password("correct horse battery staple")


def test_groups_hold_exactly_their_permissions(accounts: dict[str, Any]) -> None:
    opcc, dcc, viewer = accounts["opcc"], accounts["deputy-chief-constable"], accounts["viewer"]
    assert opcc.has_perm("meetings.change_action") and opcc.has_perm("meetings.add_meeting")
    assert not opcc.has_perm("meetings.change_actionstatuschange")  # history is not edited
    assert not opcc.has_perm("meetings.delete_evidence")
    assert dcc.has_perm("meetings.view_meeting") and dcc.has_perm("meetings.update_own_action")
    assert not dcc.has_perm("meetings.change_action") and not dcc.has_perm("meetings.add_meeting")
    assert viewer.get_all_permissions() == {
        f"meetings.view_{m}"
        for m in (
            "meeting",
            "attendance",
            "agendaitem",
            "topic",
            "finding",
            "action",
            "actionowner",
            "actionstatuschange",
            "evidence",
            "accountrole",
        )
    }


def test_making_them_again_keeps_passwords(accounts: dict[str, Any]) -> None:
    from assurance.web.meetings.access import create_demo_accounts

    assert create_demo_accounts() == {}
    accounts["opcc"].refresh_from_db()
    assert accounts["opcc"].check_password("correct horse battery staple")


def test_a_force_user_updates_the_actions_its_role_owns(may: Any, accounts: dict[str, Any]) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import NotAllowed

    dcc = accounts["deputy-chief-constable"]
    track_my_crime, soft_skills = list(may.actions.order_by("order"))[:2]  # CC, DCC
    services.update_status(
        soft_skills, "in-progress", note="Options paper", user=dcc, by="", at=date(2016, 6, 1)
    )
    assert soft_skills.history.last().by == "deputy-chief-constable"
    services.close_action(
        soft_skills, evidence="Training plan agreed", user=dcc, at=date(2016, 6, 20)
    )
    with pytest.raises(NotAllowed, match="owned by CC"):
        services.update_status(track_my_crime, "in-progress", note="x", user=dcc)
    with pytest.raises(NotAllowed, match="only the PCC's office"):
        services.update_status(soft_skills, "open", note="reopen", user=dcc)


def test_viewers_and_the_office(may: Any, accounts: dict[str, Any]) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.errors import NotAllowed

    action = may.actions.order_by("order").first()
    with pytest.raises(NotAllowed, match="only read"):
        services.close_action(action, evidence="x", user=accounts["viewer"])
    services.close_action(action, evidence="Established", user=accounts["opcc"])
    assert action.status == "done"
