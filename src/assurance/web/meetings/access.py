# mypy: no-warn-return-any
"""Who may do what with the meeting record: three groups, least privilege.

- ``pcc-office``: records meetings and actions (add, change; nothing deleted from history).
- ``force``: reads the record; updates the status of, and adds evidence to, the actions that
  a role it answers for owns (``AccountRole``), in its own force.
- ``viewer``: reads only.

History rows (status changes, evidence) are never changed or deleted by anyone through the
app: no group holds those permissions.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from assurance.web.meetings.models import AccountRole
from assurance.web.meetings.vocabulary import Role
from assurance.web.typed import atomic

PCC_OFFICE = "pcc-office"
FORCE = "force"
VIEWER = "viewer"

RECORD_MODELS = ("meeting", "attendance", "agendaitem", "topic", "finding", "action", "actionowner")
HISTORY_MODELS = ("actionstatuschange", "evidence")
ALL_MODELS = (*RECORD_MODELS, *HISTORY_MODELS, "accountrole")

_view = [f"view_{m}" for m in ALL_MODELS]
GROUP_PERMISSIONS: dict[str, frozenset[str]] = {
    PCC_OFFICE: frozenset(
        _view
        + [f"{verb}_{m}" for m in RECORD_MODELS for verb in ("add", "change", "delete")]
        + [f"add_{m}" for m in HISTORY_MODELS]
        + ["update_own_action"]
    ),
    FORCE: frozenset(_view + [f"add_{m}" for m in HISTORY_MODELS] + ["update_own_action"]),
    VIEWER: frozenset(_view),
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    group: str
    roles: tuple[Role, ...] = ()


DEMO_ACCOUNTS = (
    DemoAccount("opcc", PCC_OFFICE),
    DemoAccount("chief-constable", FORCE, (Role.CC,)),
    DemoAccount("deputy-chief-constable", FORCE, (Role.DCC,)),
    DemoAccount("viewer", VIEWER),
)


@atomic
def ensure_groups() -> dict[str, Group]:
    """Create or correct the three groups; their permissions are set exactly (no extras)."""
    groups: dict[str, Group] = {}
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = list(
            Permission.objects.filter(content_type__app_label="meetings", codename__in=codenames)
        )
        missing = codenames - {p.codename for p in permissions}
        if missing:  # migrations not run: say so rather than give a group less than it needs
            raise RuntimeError(f"permissions missing, run the migrations: {sorted(missing)}")
        group.permissions.set(permissions)
        groups[name] = group
    return groups


@atomic
def create_demo_accounts(
    force_code: str = "west-mercia", password: str | None = None
) -> dict[str, str]:
    """Demo accounts, one a group (and force users for the CC and DCC).

    Returns ``{username: password}`` for accounts made now (each a new random password
    unless ``password`` is given); accounts that exist already keep theirs and are left out.
    """
    groups = ensure_groups()
    users = get_user_model()
    made: dict[str, str] = {}
    for account in DEMO_ACCOUNTS:
        user = users.objects.filter(username=account.username).first()
        if user is None:
            secret = password or secrets.token_urlsafe(12)
            user = users.objects.create_user(username=account.username, password=secret)
            made[account.username] = secret
        user.groups.set([groups[account.group]])
        for role in account.roles:
            AccountRole.objects.get_or_create(user=user, force_code=force_code, role=role.value)
    return made
