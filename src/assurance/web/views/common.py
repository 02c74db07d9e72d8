"""What every page shares: the navigation, names of forces, who may change an action."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from assurance.web.meetings import services
from assurance.web.meetings.errors import NotAllowed
from assurance.web.meetings.models import Action

#: Sections of the service navigation: (url name, label, the paths it covers).
SECTIONS = (
    ("home", "Home", ("/",)),
    ("meetings", "Meetings", ("/meetings/",)),
    ("actions", "Actions", ("/actions/",)),
    ("packs", "Packs", ("/packs/",)),
)

_SMALL_WORDS = {"and", "of", "the"}


def force_name(code: str) -> str:
    """A force's name from its police.uk id: west-mercia → West Mercia."""
    words = code.replace("_", "-").split("-")
    return " ".join(
        w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def may_update(user: Any, action: Action) -> bool:
    """Whether ``user`` may change this action's status or close it (the services' own rule)."""
    if user is None or not user.is_authenticated:
        return False
    try:
        services._check_may_update(user, action)  # the one place the rule is written
    except NotAllowed:
        return False
    return True


def may_reopen(user: Any) -> bool:
    """Only the PCC's office reopens a closed action."""
    return bool(user is not None and user.has_perm("meetings.change_action"))


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context: the service navigation, with the current section marked."""
    path = request.path
    current = ""
    for name, _label, prefixes in SECTIONS:
        if any(path == p if p == "/" else path.startswith(p) for p in prefixes):
            current = name
    return {"nav_sections": SECTIONS, "nav_current": current}
