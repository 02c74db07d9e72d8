"""The pack page in a real browser: axe-core finds nothing serious or critical, and every
chart and icon is announced in words. Debian's chromium through Playwright, as in tests/e2e;
skipped locally without chromium, playwright or node_modules, a failure when CI is set."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from assurance.pack import PackResult

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path(os.environ.get("ASSURANCE_CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = Path(os.environ.get("ASSURANCE_NODE_MODULES", ROOT / "node_modules"))
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("ASSURANCE_SCREENSHOTS", "/tmp/assurance-shots"))


def _need_browser() -> None:
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is missing: apt-get install chromium"
    elif not AXE.exists():
        problem = f"{AXE} is missing: run `npm ci` beside package.json"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = 'the playwright package is missing: pip install "playwright>=1.49,<2"'
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)


@pytest.mark.parametrize(
    ("force", "month"), [("west-mercia", "2016-05"), ("northshire", "2016-05")]
)
def test_axe_finds_nothing_serious(
    built: Callable[[str, str], PackResult], force: str, month: str
) -> None:
    _need_browser()
    from playwright.sync_api import sync_playwright

    pack = built(force, month)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            context.add_init_script(path=str(AXE))
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(pack.html.as_uri())
            assert page.evaluate("document.documentElement.lang") == "en-GB"
            assert page.locator("meta[charset='utf-8']").count() == 1
            assert page.locator("h1").count() == 1
            unnamed = page.evaluate(
                "[...document.querySelectorAll('svg[role=img]')]"
                ".filter(s => !(s.getAttribute('aria-label') || '').trim()).length"
            )
            assert unnamed == 0
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            bad = [
                f"{v['id']} ({v['impact']}): {v['help']} at "
                + ", ".join(str(n["target"]) for n in v["nodes"][:3])
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert not bad, "; ".join(bad)
            assert not errors, errors
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"pack-{force}-{month}.png"))
        finally:
            browser.close()
