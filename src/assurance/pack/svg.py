"""Make a rendered chart SVG fit to be inlined in a page: an accessible name, no fixed size,
and ids that cannot clash with another chart's."""

from __future__ import annotations

import re
from html import escape

_ROOT = re.compile(r"<svg\b([^>]*)>", re.DOTALL)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


def accessible(svg: str, label: str, prefix: str) -> str:
    """The chart's SVG with ``role="img"``, ``aria-label`` and a ``<title>`` carrying its
    text alternative (and no roles inside it); width and height left to CSS (the viewBox keeps
    the shape); any ids prefixed with ``prefix`` so that several charts can share a page."""
    ids = set(_ID.findall(svg))
    for old in ids:
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    # the whole chart is one image: what is inside it is not announced piece by piece
    svg = _ARIA.sub("", svg)
    match = _ROOT.search(svg)
    if match is None:
        return svg
    attributes = _SIZE.sub("", match.group(1))
    text = escape(label, quote=True)
    root = f'<svg{attributes} role="img" aria-label="{text}" focusable="false">'
    return svg[: match.start()] + root + f"<title>{escape(label)}</title>" + svg[match.end() :]
