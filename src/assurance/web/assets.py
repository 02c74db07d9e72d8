# mypy: allow-subclassing-any
"""GOV.UK Frontend, served offline from the ``node_modules`` folder that ``npm ci`` makes.

Nothing is copied into the repository and nothing comes from a CDN. :class:`NodeModulesFinder`
is a Django static files finder: it offers the two precompiled files the pages use under the
``govuk/`` prefix (``govuk/govuk-frontend.min.css``, ``govuk/govuk-frontend.min.js``), so
``collectstatic`` copies them into ``STATIC_ROOT`` beside the app's own files and WhiteNoise
serves them.

The folder is ``ASSURANCE_NODE_MODULES`` when set, else the first ``node_modules`` holding
``govuk-frontend`` above this file (a checkout installed with ``pip install -e``), else the one
in the working directory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Warning
from django.core.files.storage import FileSystemStorage

log = logging.getLogger(__name__)

PACKAGE = "govuk-frontend"
#: Where the precompiled files sit inside the package.
DIST = Path("dist") / "govuk"
PREFIX = "govuk"
#: The files the pages load (source maps and Sass stay behind).
FILES = ("govuk-frontend.min.css", "govuk-frontend.min.js")


def find_node_modules(configured: Path | None = None) -> Path | None:
    """The ``node_modules`` folder that holds GOV.UK Frontend, or None when there is none."""
    if configured is not None:
        return configured.resolve()
    for parent in (*Path(__file__).resolve().parents, Path.cwd()):
        candidate = parent / "node_modules"
        if (candidate / PACKAGE).is_dir():
            return candidate
    return None


def govuk_dist(node_modules: Path | None) -> Path | None:
    """GOV.UK Frontend's ``dist/govuk`` folder, when it is installed there."""
    if node_modules is None:
        return None
    folder = node_modules / PACKAGE / DIST
    return folder if all((folder / name).is_file() for name in FILES) else None


def missing_message() -> str:
    return (
        "GOV.UK Frontend is not installed, so pages will have no styles: run `npm ci` in the "
        "checkout (beside package.json), or set ASSURANCE_NODE_MODULES to the folder holding "
        "govuk-frontend"
    )


class NodeModulesFinder(BaseFinder):
    """Offer GOV.UK Frontend's precompiled CSS and JavaScript as ``govuk/...`` static files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.root = govuk_dist(getattr(settings, "NODE_MODULES", None))
        self.storage = FileSystemStorage(location=self.root) if self.root else None
        if self.storage is not None:
            self.storage.prefix = PREFIX  # collectstatic puts the files under govuk/

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        if self.root is None:
            return [Warning(missing_message(), id="assurance.W001")]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        matches: list[str] = []
        name = path.removeprefix(f"{PREFIX}/")
        if self.root is not None and path.startswith(f"{PREFIX}/") and name in FILES:
            matches.append(str(self.root / name))
        if find_all:
            return matches
        return matches[0] if matches else []

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        if self.storage is None:
            log.warning(missing_message())
            return
        for name in FILES:
            yield name, self.storage
