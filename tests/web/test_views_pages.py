"""The pages: signing in required, what each page shows, minutes, packs, the access log and
the security headers."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_views_support import PASSWORD, actions_of, client, make_accounts, text

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def accounts(may: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    return make_accounts(monkeypatch)


@pytest.fixture
def viewer(accounts: dict[str, Any]) -> Any:
    return client(accounts["viewer"])


@pytest.fixture
def packs(tmp_path: Path) -> Iterator[Path]:
    from django.test import override_settings

    with override_settings(PACKS_DIR=tmp_path / "packs"):
        yield tmp_path / "packs"


def _pages(may: Any) -> list[str]:
    action = actions_of(may)[0]
    return [
        "/",
        "/meetings/",
        f"/meetings/{may.pk}/",
        "/actions/",
        f"/actions/{action.pk}/",
        "/packs/",
    ]


def test_every_page_but_sign_in_and_health_needs_an_account(may: Any) -> None:
    browser = client()
    for path in [*_pages(may), f"/meetings/{may.pk}/minutes.pdf", "/packs/west-mercia/2016-05/"]:
        answer = browser.get(path)
        assert answer.status_code == 302, path
        assert answer["Location"].startswith("/sign-in/?next="), path
    assert browser.get("/sign-in/").status_code == 200
    answer = browser.get("/health/")
    assert answer.status_code == 200 and json.loads(answer.content)["status"] == "ok"


def test_pages_are_accessible_html_in_british_english(may: Any, viewer: Any) -> None:
    for path in [*_pages(may), "/sign-in/"]:
        answer = viewer.get(path) if path != "/sign-in/" else client().get(path)
        assert answer.status_code == 200, path
        page = text(answer)
        assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB"')
        assert '<meta charset="utf-8">' in page
        assert '<a href="#main-content" class="govuk-skip-link"' in page
        assert '<main class="govuk-main-wrapper" id="main-content">' in page
        assert page.count("<h1") == 1, path
        assert "govuk/govuk-frontend.min.css" in page and "http" not in _asset_links(page)
        for table in re.findall(r"<table.*?</table>", page, flags=re.S):
            assert "<caption" in table, path


def _asset_links(page: str) -> str:
    """The addresses of the page's styles and scripts: all on this site, none from a CDN."""
    return " ".join(re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', page))


def test_the_home_page(may: Any, viewer: Any, packs: Path) -> None:
    (packs / "west-mercia" / "2016-05").mkdir(parents=True)
    (packs / "west-mercia" / "2016-05" / "pack.html").write_text("<p>pack</p>")
    page = text(viewer.get("/"))
    assert "West Mercia" in page and f'href="/meetings/{may.pk}/"' in page
    assert "6 open actions" in page and "6 overdue actions" in page
    assert 'href="/packs/west-mercia/2016-05/">West Mercia, May 2016</a>' in page


def test_the_meeting_page(may: Any, viewer: Any) -> None:
    page = text(viewer.get(f"/meetings/{may.pk}/"))
    assert "Monthly Assurance Meeting May 2016" in page and "PCC Conference Room" in page
    for item in ("1.", "2.", "3.", "4.", "4a", "4b", "4c", "5.", "6."):
        assert f'<span class="app-item-number">{item}</span>' in page, item
    assert "Anthony Bangham" in page and "Deputy Chief Constable (DCC)" in page
    assert "Actions arising: Crime outcomes" in page
    assert "Road shows on the 2020 Policing Vision" in page  # a finding
    for action in actions_of(may):
        assert f'href="/actions/{action.pk}/">Action {action.pk}</a>' in page
    assert f'href="/meetings/{may.pk}/minutes.pdf"' in page
    assert viewer.get("/meetings/999999/").status_code == 404


def test_the_minutes_download(may: Any, viewer: Any) -> None:
    from assurance.web.security import DOCUMENT_POLICY

    pdf = viewer.get(f"/meetings/{may.pk}/minutes.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == 'attachment; filename="minutes-west-mercia-2016-05-31.pdf"'
    html = viewer.get(f"/meetings/{may.pk}/minutes.html")
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert "Monthly Assurance Meeting May 2016 – Meeting Notes" in text(html)
    assert html["Content-Security-Policy"] == DOCUMENT_POLICY  # inline styles, no script
    assert viewer.get(f"/meetings/{may.pk}/minutes.docx").status_code == 404


def _listed(page: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/actions/(\d+)/">Action', page)


def test_the_actions_list_filters(may: Any, accounts: dict[str, Any], viewer: Any) -> None:
    from assurance.web.meetings import services

    actions = actions_of(may)
    services.close_action(actions[3], evidence="Briefing held", user=accounts["opcc"])
    assert len(_listed(text(viewer.get("/actions/")))) == 5  # open ones by default
    assert len(_listed(text(viewer.get("/actions/?show=all")))) == 6
    page = text(viewer.get("/actions/?show=all&owner=CEX"))
    assert _listed(page) == [str(a.pk) for a in actions[3:]]
    # overdue on Wednesday 29 June 2016: one working day past the 28 June due date
    page = text(viewer.get("/actions/?show=overdue&owner=DCC&on-day=29&on-month=6&on-year=2016"))
    assert _listed(page) == [str(actions[1].pk), str(actions[2].pk)]
    assert "counted to 29 June 2016" in page
    assert re.search(r'govuk-table__cell--numeric">1</td>', page)
    page = text(viewer.get("/actions/?show=overdue&on-day=28&on-month=6&on-year=2016"))
    assert _listed(page) == [] and "No actions match these filters." in page
    answer = viewer.get("/actions/?show=open&on-day=40&on-month=6&on-year=2016")
    assert answer.status_code == 400 and 'href="#filter-on-day"' in text(answer)
    assert len(_listed(text(viewer.get("/actions/?show=nonsense&owner=NOBODY")))) == 5


def test_the_action_page_shows_history_and_evidence(
    may: Any, accounts: dict[str, Any], viewer: Any
) -> None:
    from assurance.web.meetings import services

    action = actions_of(may)[4]
    services.update_status(action, "in-progress", note="Reports requested", user=accounts["opcc"])
    services.close_action(
        action, evidence="Reports received", link="https://example.org/r", user=accounts["opcc"]
    )
    page = text(viewer.get(f"/actions/{action.pk}/"))
    for expected in (
        "Raised at the meeting of 31 May 2016",
        "Reports requested",
        "Reports received",
        'href="https://example.org/r" rel="noreferrer noopener"',
        "Chief Executive Officer, OPCC (CEX)",
        "govuk-tag--green",
    ):
        assert expected in page, expected
    assert viewer.get("/actions/999999/").status_code == 404
    assert "There is no action 999999." in text(viewer.get("/actions/999999/"))


def test_packs_are_served_from_the_data_folder(viewer: Any, packs: Path) -> None:
    folder = packs / "west-mercia" / "2016-05"
    folder.mkdir(parents=True)
    (folder / "pack.html").write_text(
        "<!DOCTYPE html><title>Pack</title><a href='pack.pdf'>PDF</a>"
    )
    (folder / "pack.pdf").write_bytes(b"%PDF-1.7 stand-in")
    (folder / "pack.xlsx").write_bytes(b"PK stand-in")
    (folder / ".hidden").write_text("secret")
    (packs / "secret.txt").write_text("secret")

    listing = text(viewer.get("/packs/"))
    assert 'href="/packs/west-mercia/2016-05/">May 2016</a>' in listing
    assert 'href="/packs/west-mercia/2016-05/pack.xlsx"' in listing

    page = viewer.get("/packs/west-mercia/2016-05/")
    assert page.status_code == 200 and page["Content-Type"] == "text/html; charset=utf-8"
    assert b"".join(page.streaming_content).startswith(b"<!DOCTYPE html><title>Pack")
    assert "script-src" not in page["Content-Security-Policy"]  # default-src 'none': no script
    pdf = viewer.get("/packs/west-mercia/2016-05/pack.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    xlsx = viewer.get("/packs/west-mercia/2016-05/pack.xlsx")
    assert xlsx["Content-Disposition"].startswith("attachment;")

    for path in (
        "/packs/west-mercia/2016-05/.hidden",
        "/packs/west-mercia/2016-05/../../secret.txt",
        "/packs/west-mercia/2016-13/",
        "/packs/West_Mercia/2016-05/",
    ):
        assert viewer.get(path).status_code == 404, path
    missing = viewer.get("/packs/west-mercia/2016-04/")
    assert missing.status_code == 404
    page_text = text(missing)
    assert "The West Mercia pack for April 2016 has not been built yet" in page_text
    assert str(packs) not in page_text  # the folder is shown to the PCC's office only


def test_the_pack_office_sees_where_a_pack_should_be(accounts: dict[str, Any], packs: Path) -> None:
    page = text(client(accounts["opcc"]).get("/packs/west-mercia/2016-04/"))
    assert str(packs / "west-mercia" / "2016-04") in page and "assurance pack" in page


def test_the_access_log_records_views_without_query_strings(
    may: Any, accounts: dict[str, Any]
) -> None:
    from django.utils import timezone

    from assurance.web.accesslog.models import PageView, prune

    PageView.objects.all().delete()
    browser = client(accounts["viewer"])
    browser.get("/actions/?owner=CEX&show=all")
    browser.get("/actions/999999/")
    browser.get("/health/")
    client().get("/meetings/")
    rows = list(PageView.objects.order_by("at", "pk"))
    assert [(r.method, r.path, r.status) for r in rows] == [
        ("GET", "/actions/", 200),
        ("GET", "/actions/999999/", 404),
        ("GET", "/meetings/", 302),
    ]
    assert [r.user for r in rows] == [accounts["viewer"], accounts["viewer"], None]
    assert prune(timezone.now() + timedelta(seconds=1)) == 3
    assert not PageView.objects.exists()


def test_security_headers(may: Any, viewer: Any) -> None:
    answer = viewer.get("/")
    csp = answer["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"
    assert answer["Cache-Control"] == "no-store"  # signed-in pages stay out of caches
    assert "camera=()" in answer["Permissions-Policy"]
    signed_in = client().post("/sign-in/", {"username": "viewer", "password": PASSWORD})
    cookie = signed_in.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_assets_come_from_node_modules(django_ready: Path) -> None:
    from django.contrib.staticfiles import finders

    from assurance.web.assets import NodeModulesFinder, missing_message

    finder = NodeModulesFinder()
    if finder.root is None:
        if os.environ.get("CI"):
            pytest.fail(missing_message())
        pytest.skip(missing_message())
    found = finders.find("govuk/govuk-frontend.min.css")
    assert found and str(found).endswith("dist/govuk/govuk-frontend.min.css")
    assert finders.find("govuk/index.scss") is None  # only the two built files
    assert sorted(name for name, _storage in finder.list([])) == [
        "govuk-frontend.min.css",
        "govuk-frontend.min.js",
    ]
    assert finders.find("assurance/assurance.css")
