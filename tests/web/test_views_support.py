"""Helpers for the web page tests (Django's test client, no browser); no tests of its own."""

from __future__ import annotations

from typing import Any

import pytest

PASSWORD = "correct horse battery staple"


def client(user: Any = None, **kwargs: Any) -> Any:
    """A test client on an allowed host, signed in as ``user`` (no password hashing)."""
    from django.test import Client

    browser = Client(HTTP_HOST="localhost", **kwargs)
    if user is not None:
        browser.force_login(user)
    return browser


def make_accounts(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The four demo accounts, with argon2 at test strength (the defaults take ~0.6 s a hash)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from assurance.web.meetings.access import create_demo_accounts

    for name, value in (("time_cost", 1), ("memory_cost", 1024), ("parallelism", 1)):
        monkeypatch.setattr(Argon2PasswordHasher, name, value)
    create_demo_accounts(password=PASSWORD)
    users = get_user_model().objects
    names = ("opcc", "chief-constable", "deputy-chief-constable", "viewer")
    return {name: users.get(username=name) for name in names}


def actions_of(meeting: Any) -> list[Any]:
    """The May 2016 actions in order: 0 Track my Crime (CC), 1 soft skills (DCC),
    2 objectives (DCC), 3 Head of Crime (CEX), 4 scrutiny reports (CEX), 5 CPS lead (CEX)."""
    return list(meeting.actions.order_by("order"))


def text(response: Any) -> str:
    return response.content.decode("utf-8")
