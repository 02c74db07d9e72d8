"""Browser tests: the real server (waitress, a subprocess on a free loopback port, a fresh
data folder) driven by Debian's chromium through Playwright, with axe-core on every page.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``), the ``playwright`` Python package
(no browser download: ``playwright install`` is never run) and ``npm ci`` (GOV.UK Frontend and
axe-core in ``node_modules``). Without them the tests skip locally and fail when ``CI`` is set.
Screenshots of each page go to ``ASSURANCE_SCREENSHOTS`` (default ``/tmp/assurance-shots``).
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ASSURANCE_CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = Path(os.environ.get("ASSURANCE_NODE_MODULES", ROOT / "node_modules"))
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
GOVUK_CSS = NODE_MODULES / "govuk-frontend" / "dist" / "govuk" / "govuk-frontend.min.css"
SHOTS = Path(os.environ.get("ASSURANCE_SCREENSHOTS", "/tmp/assurance-shots"))
PASSWORD = "e2e demo password 2016"
START_TIMEOUT = 90  # seconds: migrations, four argon2 hashes, collectstatic


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return 'the playwright package is missing: pip install "playwright>=1.49,<2"'
    for path in (AXE, GOVUK_CSS):
        if not path.exists():
            return f"{path} is missing: run `npm ci` beside package.json"
    return None


def _need_browser() -> None:
    problem = _missing()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)


@dataclass
class Server:
    url: str
    data_dir: Path
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    def at(self, path: str) -> str:
        return self.url.rstrip("/") + path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _need_browser()
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ASSURANCE_APP_DATABASE", "ASSURANCE_SECRET_KEY", "ASSURANCE_DEBUG")
    }
    env["ASSURANCE_NODE_MODULES"] = str(NODE_MODULES)
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("app_server.py")), str(data_dir), PASSWORD],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=data_dir,
    )
    lines: queue.Queue[str] = queue.Queue()
    output: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT
    url = ""
    while not url and time.monotonic() < deadline and process.poll() is None:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line.startswith("READY "):
            url = line.split()[1]
    if not url:
        process.kill()
        pytest.fail("the server did not start:\n" + "".join(output))
    yield Server(url, data_dir, process, output)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


class Visitor:
    """One person's browser session: their pages, console errors and failed requests."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.server = server
        # axe-core goes in as an init script: the pages' CSP allows no injected <script>
        self.context = browser.new_context(viewport={"width": 1100, "height": 900})
        self.context.add_init_script(path=str(AXE))
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, message: Any) -> None:
        # A page answered 400 or 404 on purpose is logged as "Failed to load resource";
        # a failed static file is caught by _response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and "/static/" in response.url:
            self.problems.append(f"{response.status} {response.url}")

    def go(self, path: str) -> Any:
        return self.page.goto(self.server.at(path))

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        self.go("/sign-in/")
        self.page.fill("#username", username)
        self.page.fill("#password", password)
        self.page.click("button:has-text('Sign in')")
        self.page.wait_for_url(self.server.at("/"))

    def check(self, shot: str) -> None:
        """Screenshot the page, then assert axe finds nothing serious and nothing broke."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)
        assert self.page.evaluate("document.documentElement.lang") == "en-GB"
        assert self.page.locator("meta[charset='utf-8']").count() == 1
        result = self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"axe on {shot}: " + "; ".join(bad)
        assert not self.problems, f"on {shot}: " + "; ".join(self.problems)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitor(browser: Any, server: Server) -> Iterator[Visitor]:
    person = Visitor(browser, server)
    yield person
    person.close()
