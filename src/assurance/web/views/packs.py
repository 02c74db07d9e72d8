# mypy: allow-untyped-decorators, no-warn-return-any
"""Monthly packs, as the pack generator built them: nothing is rendered here.

The generator writes ``<data dir>/packs/<force>/<YYYY-MM>/pack.html`` (and ``pack.pdf``,
``pack.xlsx``, and any files the HTML refers to, beside it). ``/packs/<force>/<YYYY-MM>/``
serves ``pack.html`` as it is, so its relative links (``pack.pdf``) reach the files beside it
at ``/packs/<force>/<YYYY-MM>/pack.pdf``. A pack not built yet is a 404 that says how to
build it.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils._os import safe_join
from django.views.decorators.http import require_GET

from assurance.web.security import DOCUMENT_POLICY
from assurance.web.views.common import force_name

PACK_FILES = ("pack.html", "pack.pdf", "pack.xlsx")
#: What each kind of pack file is, for the links.
KINDS = {"pack.html": "Web page", "pack.pdf": "PDF", "pack.xlsx": "Spreadsheet (XLSX)"}
FORCE_PATTERN = "[a-z0-9][a-z0-9-]*"
MONTH_PATTERN = "[0-9]{4}-(?:0[1-9]|1[0-2])"


@dataclass(frozen=True)
class Pack:
    force_code: str
    month: date
    files: tuple[tuple[str, str, int], ...]  # (file name, kind, size in bytes)

    @property
    def force(self) -> str:
        return force_name(self.force_code)

    @property
    def month_key(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def has_html(self) -> bool:
        return any(name == "pack.html" for name, _kind, _size in self.files)


def packs_dir() -> Path:
    return Path(settings.PACKS_DIR)


def available_packs(root: Path | None = None) -> list[Pack]:
    """Every built pack, newest month first; a folder with none of the pack files is left out."""
    root = root or packs_dir()
    found: list[Pack] = []
    if not root.is_dir():
        return found
    for force_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for month_dir in sorted(p for p in force_dir.iterdir() if p.is_dir()):
            try:
                month = date.fromisoformat(f"{month_dir.name}-01")
            except ValueError:
                continue
            files = tuple(
                (name, KINDS[name], (month_dir / name).stat().st_size)
                for name in PACK_FILES
                if (month_dir / name).is_file()
            )
            if files:
                found.append(Pack(force_dir.name, month, files))
    found.sort(key=lambda p: (p.month, p.force_code), reverse=True)
    return found


def _not_built(request: HttpRequest, force: str, month: str, name: str) -> HttpResponse:
    try:
        when = f"{date.fromisoformat(f'{month}-01'):%B %Y}"
    except ValueError:
        when = month
    context = {
        "force": force_name(force),
        "force_code": force,
        "month": month,
        "when": when,
        "name": name,
        "folder": packs_dir() / force / month,
    }
    return render(request, "pages/pack_missing.html", context, status=404)


def _serve(path: Path, name: str) -> FileResponse:
    content_type, _ = mimetypes.guess_type(name)
    if name.endswith((".html", ".htm")):
        content_type = "text/html; charset=utf-8"
    response = FileResponse(
        path.open("rb"),
        content_type=content_type or "application/octet-stream",
        as_attachment=name.endswith(".xlsx"),
        filename=name,
    )
    response["Content-Security-Policy"] = DOCUMENT_POLICY  # the pack runs no script
    return response


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def pack_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pages/pack_list.html", {"packs": available_packs(), "folder": packs_dir()}
    )


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def pack_page(request: HttpRequest, force: str, month: str) -> HttpResponse:
    return pack_file(request, force, month, "pack.html")


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def pack_file(request: HttpRequest, force: str, month: str, name: str) -> HttpResponse:
    """A file of a built pack. Only files inside that pack's folder; no hidden files."""
    if any(part.startswith(".") for part in name.split("/")):
        raise Http404("No such file in this pack.")
    try:
        path = Path(safe_join(str(packs_dir()), force, month, name))
    except SuspiciousFileOperation:  # a path outside the packs folder
        raise Http404("No such file in this pack.") from None
    if not path.is_file():
        return _not_built(request, force, month, name)
    return _serve(path, name)
