"""The words of the meeting record: roles (who attends, who owns an action), action
statuses, kinds of agenda item.

Plain ``StrEnum``s rather than Django's ``TextChoices``: the same values and labels, but typed
(Django ships no type information, so ``TextChoices`` members would type-check as tuples).
Model fields take ``choices=Role.choices()``.
"""

from __future__ import annotations

from enum import StrEnum


class _Choices(StrEnum):
    """A ``StrEnum`` with human labels, usable as a Django field's choices."""

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class Role(_Choices):
    """A capacity in which someone attends or owns an action. Values are the abbreviations
    the minutes print in the ACTION column ("CC DCC", "CEX")."""

    PCC = "PCC"
    DPCC = "DPCC"
    CEX = "CEX"
    CFO = "CFO"
    POLICY_OFFICER = "PO"
    CC = "CC"
    DCC = "DCC"
    ACC = "ACC"
    DIRECTOR_OF_FINANCE = "DOF"
    FORCE_CRIME_REGISTRAR = "FCR"
    HEAD_OF_CRIME = "HOC"
    OTHER = "OTHER"

    @classmethod
    def parse(cls, text: str) -> Role:
        """A role from its abbreviation or its name, ignoring case ("dcc", "Head of Crime")."""
        wanted = text.strip().casefold()
        for role in cls:
            names = (role.value, role.label, role.label.split(",")[0], role.name)
            if wanted in {name.casefold() for name in names}:
                return role
        raise ValueError(text)


class ActionStatus(_Choices):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class AgendaKind(_Choices):
    DISCUSSION = "discussion"
    OUTSTANDING = "outstanding"
    HEADING = "heading"
    NEXT_MEETING = "next-meeting"


_LABELS: dict[_Choices, str] = {
    Role.PCC: "Police and Crime Commissioner",
    Role.DPCC: "Deputy Police and Crime Commissioner",
    Role.CEX: "Chief Executive Officer, OPCC",
    Role.CFO: "Chief Finance Officer, OPCC",
    Role.POLICY_OFFICER: "Policy Officer, OPCC",
    Role.CC: "Chief Constable",
    Role.DCC: "Deputy Chief Constable",
    Role.ACC: "Assistant Chief Constable",
    Role.DIRECTOR_OF_FINANCE: "Director of Finance",
    Role.FORCE_CRIME_REGISTRAR: "Force Crime Registrar",
    Role.HEAD_OF_CRIME: "Head of Crime",
    Role.OTHER: "Other",
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
    AgendaKind.DISCUSSION: "Discussion",
    AgendaKind.OUTSTANDING: "Outstanding matters (carried forward automatically)",
    AgendaKind.HEADING: "Heading of sub-items",
    AgendaKind.NEXT_MEETING: "Date of next meeting",
}

#: Roles in the force (chief officers and staff), as against the PCC's office.
FORCE_ROLES = frozenset(
    {
        Role.CC,
        Role.DCC,
        Role.ACC,
        Role.DIRECTOR_OF_FINANCE,
        Role.FORCE_CRIME_REGISTRAR,
        Role.HEAD_OF_CRIME,
    }
)

#: Statuses that end an action: it no longer carries forward and is never overdue.
CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})
