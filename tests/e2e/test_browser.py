"""A person at a browser: signing in, reading meetings and actions, closing an action with
evidence (refused without), least privilege, packs; axe-core on every page."""

from __future__ import annotations

import re

from tests.e2e.conftest import PASSWORD, SHOTS, Server, Visitor

HEAD_OF_CRIME = "The PCC to have a briefing from the Head of Crime."
SOFT_SKILLS = "Opportunities for officer soft skills training to be considered."
TRACK_MY_CRIME = "Track my Crime within the Athena programme"
OBJECTIVES = "Check how the organisational aspiration"


def action_path(v: Visitor, text: str) -> str:
    """The page of the action whose text contains ``text``, found from the actions list."""
    v.go("/actions/?show=all")
    row = v.page.locator("tr", has_text=text)
    href = row.locator("a", has_text="Action").first.get_attribute("href")
    assert href and re.fullmatch(r"/actions/\d+/", href), href
    return href


def test_signing_in_is_required(visitor: Visitor) -> None:
    v = visitor
    v.go("/actions/")
    assert "/sign-in/" in v.page.url
    v.check("01-sign-in")
    v.page.keyboard.press("Tab")  # the skip link comes first, and shows when focused
    focused = v.page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    v.page.screenshot(path=str(SHOTS / "01b-skip-link-focused.png"))
    v.page.fill("#username", "opcc")
    v.page.fill("#password", "not the password")
    v.page.click("button:has-text('Sign in')")
    summary = v.page.locator(".govuk-error-summary")
    assert "Enter a correct username and password" in summary.inner_text()
    assert v.page.title().startswith("Error:")
    v.check("02-sign-in-error")
    v.page.fill("#password", PASSWORD)
    v.page.click("button:has-text('Sign in')")
    v.page.wait_for_url(v.server.at("/actions/"))  # back where they were going


def test_the_pcc_office_reads_the_record_and_closes_an_action(visitor: Visitor) -> None:
    v = visitor
    v.sign_in("opcc")
    main = v.page.locator("main")
    assert "West Mercia" in main.inner_text()
    assert "6 open actions" in main.inner_text()
    assert "Monthly Assurance Meeting May 2016" in main.inner_text()
    v.check("03-home")

    v.page.click("nav >> text=Meetings")
    v.page.click("text=Monthly Assurance Meeting May 2016")
    text = v.page.locator("main").inner_text()
    for expected in (
        "Attendance",
        "John Campion",
        "Holding to account",
        "Response times",
        "Actions arising: Crime outcomes",
        HEAD_OF_CRIME,
    ):
        assert expected in text, expected
    v.check("05-meeting")
    with v.page.expect_download() as download:
        v.page.click("text=Download the minutes as a PDF")
    assert download.value.suggested_filename == "minutes-west-mercia-2016-05-31.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    v.go("/meetings/")
    v.check("04-meetings")

    v.go("/actions/")
    assert v.page.locator("tbody tr").count() == 6
    v.check("06-actions")
    v.page.select_option("#filter-owner", "CEX")
    v.page.check("#filter-show-overdue")
    v.page.fill("#filter-on-day", "29")
    v.page.fill("#filter-on-month", "6")
    v.page.fill("#filter-on-year", "2016")
    v.page.click("text=Apply filters")
    rows = v.page.locator("tbody tr")
    assert rows.count() == 3  # the CEX's three, each one working day past 28 June 2016
    assert all(cells.split("\t")[-1].strip() == "1" for cells in rows.all_inner_texts())
    v.check("07-actions-overdue")

    v.go(action_path(v, HEAD_OF_CRIME))
    v.check("08-action")
    v.page.click("text=Close the action")  # no evidence
    summary = v.page.locator(".govuk-error-summary")
    assert "cannot be closed without evidence" in summary.inner_text()
    assert v.page.title().startswith("Error:")
    assert "Open" in v.page.locator(".govuk-summary-list").inner_text()
    v.check("09-action-close-refused")

    v.page.fill("#close-evidence", "Briefing from the Head of Crime given to the PCC.")
    v.page.fill("#close-link", "https://example.org/briefing")
    v.page.fill("#close-on-day", "20")
    v.page.fill("#close-on-month", "6")
    v.page.fill("#close-on-year", "2016")
    v.page.click("text=Close the action")
    assert (
        "is closed with its evidence" in v.page.locator(".govuk-notification-banner").inner_text()
    )
    text = v.page.locator("main").inner_text()
    assert "Done" in text and "Briefing from the Head of Crime given to the PCC." in text
    assert "20 Jun 2016" in text  # took effect on the date given
    v.check("10-action-closed")


def test_a_force_user_updates_only_the_actions_their_role_owns(visitor: Visitor) -> None:
    v = visitor
    v.sign_in("deputy-chief-constable")
    v.go(action_path(v, SOFT_SKILLS))  # owned by the DCC
    v.page.check("#status-status-in-progress")
    v.page.fill("#status-note", "Options paper drafted.")
    v.page.click("text=Save the status")
    assert "is now in progress" in v.page.locator(".govuk-notification-banner").inner_text()
    assert "Options paper drafted." in v.page.locator("table").inner_text()
    v.check("11-force-own-action")

    v.go(action_path(v, TRACK_MY_CRIME))  # owned by the CC
    assert v.page.locator("#close-form, #status-form").count() == 0
    assert "Only the owners of this action (CC)" in v.page.locator("#read-only").inner_text()
    v.check("12-force-other-action")


def test_a_viewer_cannot_change_anything(visitor: Visitor) -> None:
    v = visitor
    v.sign_in("viewer")
    path = action_path(v, OBJECTIVES)
    v.go(path)
    assert v.page.locator("form#close-form, form#status-form").count() == 0
    assert "can read the record but not change it" in v.page.locator("#read-only").inner_text()
    v.check("13-viewer-action")
    token = next(c["value"] for c in v.context.cookies() if c["name"] == "csrftoken")
    answer = v.page.request.post(
        v.server.at(f"{path}close/"),
        form={"csrfmiddlewaretoken": token, "evidence": "Done, honestly."},
        max_redirects=0,
    )
    assert answer.status == 403
    v.go(path)
    assert "Done, honestly." not in v.page.locator("main").inner_text()


def test_packs_are_served_as_built(visitor: Visitor, server: Server) -> None:
    folder = server.data_dir / "packs" / "west-mercia" / "2016-05"
    folder.mkdir(parents=True)
    (folder / "pack.html").write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Pack May 2016'
        '</title></head><body><h1>West Mercia pack – May 2016</h1><a href="pack.pdf">PDF</a>'
        "</body></html>",
        encoding="utf-8",
    )
    (folder / "pack.pdf").write_bytes(b"%PDF-1.7\n% a stand-in\n")
    v = visitor
    v.sign_in("viewer")
    assert "West Mercia, May 2016" in v.page.locator("main").inner_text()
    v.go("/packs/")
    v.check("14-packs")
    v.page.click("table >> text=May 2016")
    assert v.page.locator("h1").inner_text() == "West Mercia pack – May 2016"
    assert v.page.url == server.at("/packs/west-mercia/2016-05/")
    answer = v.page.request.get(server.at("/packs/west-mercia/2016-05/pack.pdf"))
    assert answer.status == 200 and answer.body().startswith(b"%PDF")

    response = v.go("/packs/west-mercia/2016-04/")
    assert response is not None and response.status == 404
    assert "has not been built yet" in v.page.locator("h1").inner_text()
    v.check("15-pack-not-built")
