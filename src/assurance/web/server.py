"""``assurance serve``: the web app on a real WSGI server, for a laptop or a small server.

- The app database is migrated, and the static files (the app's own and GOV.UK Frontend's
  from ``node_modules``) are collected into ``<data dir>/static`` (only changed files are
  copied, so a second start is quick).
- Waitress serves the Django app: pure Python, no C compiler or system library, runs the
  same on Linux, macOS and Windows, and is meant for production (Django's ``runserver`` is
  not). It is threaded; four threads are plenty for a PCC's office.
- WhiteNoise (a middleware, see ``settings.MIDDLEWARE``) serves the static files from inside
  the app with caching headers, so there is one process and one port and no web server to
  set up. Django's own static view is for development only, by its own documentation.

For HTTPS, put a reverse proxy in front (``ASSURANCE_HTTPS=true``, and
``ASSURANCE_TRUSTED_PROXY`` set to its address so its ``X-Forwarded-Proto`` is believed).
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable
from typing import Any

from assurance.config import Settings
from assurance.errors import ConfigError

log = logging.getLogger(__name__)

THREADS = 4
#: Headers a trusted reverse proxy may set (all others from it are dropped).
PROXY_HEADERS = frozenset({"x-forwarded-proto", "x-forwarded-host", "x-forwarded-for"})


def prepare(settings: Settings) -> None:
    """Start Django on ``settings``' data folder, migrate the app database, collect the static
    files. Raises :class:`ConfigError` when Django already runs on another data folder."""
    from django.apps import apps

    data_dir = settings.data_dir.resolve()
    if not apps.ready:
        # the Django settings read the environment: make them agree with ``settings``
        os.environ["ASSURANCE_DATA_DIR"] = str(data_dir)
    from assurance.web import bootstrap

    bootstrap.setup(migrate=True)
    from django.conf import settings as django_settings

    if data_dir != django_settings.DATA_DIR:
        raise ConfigError(
            f"the web app is already set up on {django_settings.DATA_DIR}, not {data_dir}: "
            "serve from a new process"
        )
    collect_static()


def collect_static() -> None:
    """Copy the static files into ``STATIC_ROOT`` (changed files only)."""
    from django.conf import settings as django_settings
    from django.core.management import call_command

    from assurance.web.assets import govuk_dist, missing_message

    if (
        govuk_dist(django_settings.NODE_MODULES) is None
        and not (django_settings.STATIC_ROOT / "govuk" / "govuk-frontend.min.css").exists()
    ):
        log.warning(missing_message())
    call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())


def prepare_demo(settings: Settings) -> dict[str, str]:
    """For a demo: record the May 2016 West Mercia meeting and the demo accounts (one a group).

    Returns ``{username: password}`` for the accounts made now (new random passwords, to show
    once); accounts that exist keep their passwords and are left out.
    """
    prepare(settings)
    from assurance.web.meetings.access import create_demo_accounts
    from assurance.web.meetings.seed import record_may_2016_meeting

    record_may_2016_meeting()
    return create_demo_accounts()


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def make_server(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> Any:
    """A waitress server for the app, bound but not yet running (``.run()``, ``.close()``).

    ``port`` 0 takes a free port: read it from ``server.effective_port``.
    """
    prepare(settings)
    from django.conf import settings as django_settings
    from django.core.wsgi import get_wsgi_application
    from waitress import create_server

    allowed = django_settings.ALLOWED_HOSTS
    if host not in ("127.0.0.1", "localhost", "::1") and "*" not in allowed:
        log.warning(
            "serving on %s: people must use a host name in ASSURANCE_ALLOWED_HOSTS (%s)",
            host,
            ",".join(allowed),
        )
    if host in ("0.0.0.0", "::") and not django_settings.SESSION_COOKIE_SECURE:
        log.warning(
            "serving on every network interface over plain HTTP: passwords cross the network "
            "unencrypted; put an HTTPS proxy in front and set ASSURANCE_HTTPS=true"
        )
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "threads": THREADS,
        "ident": "Assurance",
        "clear_untrusted_proxy_headers": True,
    }
    if django_settings.TRUSTED_PROXY:
        options["trusted_proxy"] = django_settings.TRUSTED_PROXY
        options["trusted_proxy_headers"] = set(PROXY_HEADERS)
    try:
        return create_server(get_wsgi_application(), **options)
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}. Choose another port "
            "(--port) or stop whatever is using it"
        ) from exc


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the web app until interrupted (Ctrl+C).

    ``on_ready`` is called with the address once the server listens (the command line prints
    it); ``port`` 0 takes a free port.
    """
    server = make_server(settings, host, port)
    url = url_for(host, int(server.effective_port))
    log.info("serving Assurance on %s", url)
    if on_ready is not None:
        on_ready(url)
    try:
        server.run()  # returns on Ctrl+C
    finally:
        stop(server)


def stop(server: Any) -> None:
    """Stop listening and end the worker threads (``run()`` then returns within a second)."""
    server.close()
    server.task_dispatcher.shutdown()
