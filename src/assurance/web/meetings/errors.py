"""Errors of the meeting record. Each message says what to do next."""

from __future__ import annotations

from assurance.errors import AssuranceError


class MeetingError(AssuranceError):
    """A meeting or action could not be recorded as asked."""


class NotFound(MeetingError):
    """No meeting, agenda item or action matches what was given."""


class InvalidRecord(MeetingError):
    """The change would make the record wrong (a bad date, role or status change)."""


class EvidenceRequired(MeetingError):
    """An action can be closed only with evidence: a description or a link."""


class NotAllowed(MeetingError):
    """The signed-in account may not make this change."""
