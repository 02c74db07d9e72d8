"""One exception hierarchy. Every message says what went wrong and what to do about it."""

from __future__ import annotations


class AssuranceError(Exception):
    """Base of every error Assurance raises on purpose; the CLI prints its message and exits 2."""

    exit_code = 2


class ConfigError(AssuranceError):
    """A setting is missing or invalid."""


class DeliveryError(AssuranceError):
    """A delivery (folder or file) cannot be read at all: the whole delivery is refused."""


class ValidationFailed(AssuranceError):
    """A delivery broke the data contract; nothing was written. Carries the problems found."""

    def __init__(
        self, message: str, problems_report: str | None = None, summary: object | None = None
    ) -> None:
        super().__init__(message)
        self.problems_report = problems_report
        #: the ingest summary of the refused delivery (``DeliverySummary``), when there is one
        self.summary = summary


class WarehouseError(AssuranceError):
    """The warehouse could not be reached or refused an operation."""


class SchemaVersionError(WarehouseError):
    """The warehouse was written by a newer Assurance than this one."""
