"""``serve``: waitress on a free loopback port, the app database migrated, static files
collected and served by WhiteNoise."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from assurance.config import Settings
from assurance.errors import ConfigError


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_the_server_answers_on_a_free_port(django_ready: Path) -> None:
    from assurance.web.assets import NodeModulesFinder
    from assurance.web.server import make_server, stop, url_for

    server = make_server(Settings(data_dir=django_ready), "127.0.0.1", 0)
    url = url_for("127.0.0.1", server.effective_port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        status, headers, body = _get(url + "health/")
        assert status == 200 and json.loads(body) == {"status": "ok", "database": "up"}
        assert headers["Server"] == "Assurance"
        status, _headers, _body = _get(url + "static/assurance/assurance.css")
        assert status == 200
        if NodeModulesFinder().root is not None:
            status, headers, body = _get(url + "static/govuk/govuk-frontend.min.css")
            assert status == 200 and headers["Content-Type"].startswith("text/css")
            assert (django_ready / "static" / "govuk" / "govuk-frontend.min.css").exists()
        # no GET reaches the app without an account (only the health check did, above)
        status, _headers, _body = _get(url + "static/nothing-here.css")
        assert status == 404
    finally:
        stop(server)
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_serving_another_data_folder_needs_a_new_process(
    django_ready: Path, tmp_path: Path
) -> None:
    from assurance.web.server import prepare

    with pytest.raises(ConfigError, match="serve from a new process"):
        prepare(Settings(data_dir=tmp_path))


def test_addresses() -> None:
    from assurance.web.server import url_for

    assert url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert url_for("::1", 8000) == "http://[::1]:8000/"


def test_a_demo_has_the_may_meeting_and_four_accounts(
    django_ready: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import Argon2PasswordHasher
    from django.db import transaction

    from assurance.web.meetings.models import Meeting
    from assurance.web.server import prepare_demo

    for name, value in (("time_cost", 1), ("memory_cost", 1024), ("parallelism", 1)):
        monkeypatch.setattr(Argon2PasswordHasher, name, value)
    names = {"opcc", "chief-constable", "deputy-chief-constable", "viewer"}
    with transaction.atomic():  # rolled back: other modules expect an empty database
        made = prepare_demo(Settings(data_dir=django_ready))
        assert set(made) == names and all(len(p) >= 16 for p in made.values())
        assert get_user_model().objects.get(username="viewer").check_password(made["viewer"])
        assert Meeting.objects.filter(force_code="west-mercia").count() == 1
        assert prepare_demo(Settings(data_dir=django_ready)) == {}  # kept, not shown again
        transaction.set_rollback(True)
