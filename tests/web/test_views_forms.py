"""The forms that change an action: least privilege by group, the services' rules shown as a
GOV.UK error summary, CSRF."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.test_views_support import actions_of, client, make_accounts, text

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def accounts(may: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    return make_accounts(monkeypatch)


def _history(action: Any) -> list[str]:
    return [c.status for c in action.history.order_by("at", "pk")]


def test_the_pcc_office_closes_an_action_with_evidence(may: Any, accounts: dict[str, Any]) -> None:
    briefing = actions_of(may)[3]
    browser = client(accounts["opcc"])
    answer = browser.post(
        f"/actions/{briefing.pk}/close/",
        {
            "evidence": "Briefing held with the Head of Crime",
            "link": "https://example.org/briefing",
            "on-day": "14",
            "on-month": "6",
            "on-year": "2016",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == f"/actions/{briefing.pk}/"
    briefing.refresh_from_db()
    assert briefing.status == "done"
    proof = briefing.evidence.get()
    assert (proof.text, proof.url, proof.user) == (
        "Briefing held with the Head of Crime",
        "https://example.org/briefing",
        accounts["opcc"],
    )
    assert f"{proof.added_at:%Y-%m-%d}" == "2016-06-13"  # midnight London is 23:00 UTC
    page = text(browser.get(f"/actions/{briefing.pk}/"))
    assert "is closed with its evidence" in page and "Briefing held with the Head of Crime" in page
    assert 'id="close-form"' not in page  # done: nothing left to close


def test_closing_without_evidence_is_refused_with_an_error_summary(
    may: Any, accounts: dict[str, Any]
) -> None:
    briefing = actions_of(may)[3]
    browser = client(accounts["opcc"])
    answer = browser.post(f"/actions/{briefing.pk}/close/", {"evidence": "  ", "link": ""})
    assert answer.status_code == 400
    page = text(answer)
    assert "<title>Error: Action" in page
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#close-evidence">Enter what was done, or a link to the evidence' in page
    assert 'id="close-evidence-error"' in page
    briefing.refresh_from_db()
    assert briefing.status == "open" and not briefing.evidence.exists()


def test_a_link_that_is_not_a_web_address_is_refused_beside_the_link(
    may: Any, accounts: dict[str, Any]
) -> None:
    briefing = actions_of(may)[3]
    answer = client(accounts["opcc"]).post(
        f"/actions/{briefing.pk}/close/", {"link": "ftp://example.org/x"}
    )
    assert answer.status_code == 400
    assert '<a href="#close-link">&#x27;ftp://example.org/x&#x27; is not a web address' in text(
        answer
    )


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("31", "2", "2016"), "must be a real date"),
        (("", "6", "2016"), "must include a day, month and year"),
        (("1", "6", "16"), "four-digit year"),
        (("1", "5", "2016"), "cannot take effect before that"),  # before the meeting
    ],
)
def test_dates_are_checked(
    may: Any, accounts: dict[str, Any], parts: tuple[str, str, str], message: str
) -> None:
    action = actions_of(may)[1]
    day, month, year = parts
    answer = client(accounts["opcc"]).post(
        f"/actions/{action.pk}/status/",
        {"status": "in-progress", "on-day": day, "on-month": month, "on-year": year},
    )
    assert answer.status_code == 400
    page = text(answer)
    assert message in page and 'href="#status-on-day"' in page
    assert _history(action) == ["open"]


def test_dropping_needs_a_reason_in_the_note(may: Any, accounts: dict[str, Any]) -> None:
    action = actions_of(may)[5]
    browser = client(accounts["opcc"])
    answer = browser.post(f"/actions/{action.pk}/status/", {"status": "dropped"})
    assert answer.status_code == 400
    page = text(answer)
    assert f'<a href="#status-note">Say why action #{action.pk} is dropped in the note</a>' in page
    assert "--note" not in page  # the command line's words stay on the command line
    answer = browser.post(
        f"/actions/{action.pk}/status/", {"status": "dropped", "note": "Superseded by the MoU"}
    )
    assert answer.status_code == 302
    assert _history(action) == ["open", "dropped"]


def test_an_unknown_status_is_refused(may: Any, accounts: dict[str, Any]) -> None:
    action = actions_of(may)[1]
    answer = client(accounts["opcc"]).post(f"/actions/{action.pk}/status/", {"status": "done"})
    assert answer.status_code == 400  # done only through closing with evidence
    assert "Select open, in progress or dropped" in text(answer)


def test_a_force_user_updates_only_what_their_role_owns(may: Any, accounts: dict[str, Any]) -> None:
    track, soft_skills = actions_of(may)[0], actions_of(may)[1]  # CC's, DCC's
    browser = client(accounts["deputy-chief-constable"])
    assert 'id="status-form"' in text(browser.get(f"/actions/{soft_skills.pk}/"))
    answer = browser.post(
        f"/actions/{soft_skills.pk}/status/", {"status": "in-progress", "note": "Paper drafted"}
    )
    assert answer.status_code == 302
    assert _history(soft_skills) == ["open", "in-progress"]

    page = text(browser.get(f"/actions/{track.pk}/"))
    assert 'id="status-form"' not in page and 'id="close-form"' not in page
    assert "Only the owners of this action (CC)" in page
    for path, data in (("status", {"status": "in-progress"}), ("close", {"evidence": "x"})):
        answer = browser.post(f"/actions/{track.pk}/{path}/", data)
        assert answer.status_code == 403
        assert "owned by CC, not by your role" in text(answer)
    assert _history(track) == ["open"]


def test_only_the_pcc_office_reopens(may: Any, accounts: dict[str, Any]) -> None:
    soft_skills = actions_of(may)[1]
    dcc = client(accounts["deputy-chief-constable"])
    assert (
        dcc.post(f"/actions/{soft_skills.pk}/close/", {"evidence": "Course booked"}).status_code
        == 302
    )
    page = text(dcc.get(f"/actions/{soft_skills.pk}/"))
    assert 'id="status-form"' not in page  # a force user cannot reopen
    answer = dcc.post(f"/actions/{soft_skills.pk}/status/", {"status": "open", "note": "Not yet"})
    assert answer.status_code == 403
    opcc = client(accounts["opcc"])
    assert "Reopen or change the status" in text(opcc.get(f"/actions/{soft_skills.pk}/"))
    answer = opcc.post(f"/actions/{soft_skills.pk}/status/", {"status": "open"})
    assert answer.status_code == 400 and "reopened in the note" in text(answer)
    answer = opcc.post(
        f"/actions/{soft_skills.pk}/status/", {"status": "open", "note": "Course cancelled"}
    )
    assert answer.status_code == 302
    assert _history(soft_skills) == ["open", "done", "open"]


def test_a_viewer_reads_but_cannot_change(may: Any, accounts: dict[str, Any]) -> None:
    action = actions_of(may)[2]
    browser = client(accounts["viewer"])
    page = text(browser.get(f"/actions/{action.pk}/"))
    assert '<form method="post" action="/actions/' not in page
    assert "can read the record but not change it" in page
    for path, data in (("status", {"status": "in-progress"}), ("close", {"evidence": "x"})):
        answer = browser.post(f"/actions/{action.pk}/{path}/", data)
        assert answer.status_code == 403
        assert "Your account can only read the record" in text(answer)
    assert _history(action) == ["open"] and not action.evidence.exists()


def test_an_account_in_no_group_sees_nothing(may: Any) -> None:
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("nobody", password=None)
    browser = client(nobody)
    for path in ("/", "/meetings/", "/actions/", f"/actions/{actions_of(may)[0].pk}/", "/packs/"):
        assert browser.get(path).status_code == 403, path


def test_forms_need_the_csrf_token(may: Any, accounts: dict[str, Any]) -> None:
    action = actions_of(may)[3]
    browser = client(accounts["opcc"], enforce_csrf_checks=True)
    answer = browser.post(f"/actions/{action.pk}/close/", {"evidence": "No token"})
    assert answer.status_code == 403 and "The form had expired" in text(answer)
    action.refresh_from_db()
    assert action.status == "open"
    page = text(browser.get(f"/actions/{action.pk}/"))
    assert 'name="csrfmiddlewaretoken"' in page


def test_posting_needs_post_and_a_real_action(may: Any, accounts: dict[str, Any]) -> None:
    browser = client(accounts["opcc"])
    action = actions_of(may)[3]
    assert browser.get(f"/actions/{action.pk}/close/").status_code == 405
    assert browser.post("/actions/999999/close/", {"evidence": "x"}).status_code == 404


def test_signing_in_and_out(may: Any, accounts: dict[str, Any]) -> None:
    browser = client()
    answer = browser.post("/sign-in/", {"username": "opcc", "password": "wrong password"})
    assert answer.status_code == 200
    page = text(answer)
    assert "<title>Error: Sign in" in page
    assert "Enter a correct username and password" in page and 'id="username-error"' in page
    answer = browser.post(
        "/sign-in/",
        {"username": "opcc", "password": "correct horse battery staple", "next": "/actions/"},
    )
    assert answer.status_code == 302 and answer["Location"] == "/actions/"
    assert browser.get("/actions/").status_code == 200
    assert browser.get("/sign-out/").status_code == 405  # signing out is a POST
    answer = browser.post("/sign-out/")
    assert answer.status_code == 302 and answer["Location"] == "/sign-in/"
    assert browser.get("/actions/").status_code == 302


def test_web_messages_drop_the_command_line_words() -> None:
    from assurance.web.meetings.errors import InvalidRecord
    from assurance.web.views.actions import web_message

    assert web_message(InvalidRecord("say why action #3 is dropped: add --note REASON")) == (
        "Say why action #3 is dropped in the note"
    )
    late = "action #3 last changed on 20 June 2016; a new change cannot take effect before that"
    assert web_message(InvalidRecord(late + " (give --on that date or later)")) == (
        late[:1].upper() + late[1:] + ": give that date or a later one"
    )
