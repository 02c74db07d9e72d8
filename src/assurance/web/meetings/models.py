# mypy: allow-subclassing-any, allow-untyped-decorators, no-warn-return-any
"""The meeting record: who met, the agenda, what was found, what was decided, and how each
action went until it was closed with evidence. Business rules live in ``services``."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone

from assurance.web.meetings.vocabulary import ActionStatus, AgendaKind, Role

LONDON = ZoneInfo("Europe/London")


def london_start_of(day: date, at: time | None = None) -> datetime:
    """The UTC instant of ``at`` (midnight when None) on ``day``, London time."""
    return datetime.combine(day, at or time(0, 0), tzinfo=LONDON).astimezone(UTC)


class Meeting(models.Model):
    """One monthly assurance meeting of a PCC with a force's chief officers."""

    force_code = models.CharField(max_length=64, help_text="police.uk force id: west-mercia")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    chair = models.CharField(max_length=200)
    minute_taker = models.CharField(max_length=200, blank=True)
    minute_taker_capacity = models.CharField(max_length=200, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    month_under_review = models.DateField(help_text="first day of the month the pack covers")
    next_meeting_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("force_code", "date")
        constraints = (
            models.UniqueConstraint(fields=("force_code", "date"), name="one_meeting_a_day"),
        )

    def __str__(self) -> str:
        return f"{self.title} ({self.force_code})"

    @property
    def title(self) -> str:
        return f"Monthly Assurance Meeting {self.date:%B %Y}"

    @property
    def starts_at(self) -> datetime:
        """When the meeting began, in UTC (midnight London time when no time is recorded)."""
        return london_start_of(self.date, self.start_time)


class Attendance(models.Model):
    """Someone at the meeting (``present``) or who sent apologies."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    name = models.CharField(max_length=200)
    capacity = models.CharField(max_length=200, blank=True, help_text="as the minutes print it")
    role = models.CharField(max_length=8, choices=Role.choices(), blank=True)
    present = models.BooleanField(default=True, help_text="False: sent apologies")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("meeting", "order", "pk")
        verbose_name_plural = "attendance"

    def __str__(self) -> str:
        return f"{self.name} ({self.role or self.capacity})"


class AgendaItem(models.Model):
    """A numbered item of the agenda ("1", "4a")."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.CharField(max_length=8)
    title = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(
        max_length=16, choices=AgendaKind.choices(), default=AgendaKind.DISCUSSION.value
    )
    holds_to_account = models.BooleanField(
        default=False, help_text="minutes show Findings and 'Actions arising' for each topic"
    )
    notes = models.TextField(blank=True, help_text="paragraphs, separated by a blank line")

    class Meta:
        ordering = ("meeting", "order", "pk")
        constraints = (
            models.UniqueConstraint(fields=("meeting", "number"), name="one_item_a_number"),
        )

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_sub_item(self) -> bool:
        return not self.number.isdigit()


class Topic(models.Model):
    """A subject discussed within an item ("Response times")."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("item", "order", "pk")

    def __str__(self) -> str:
        return self.title or f"(untitled topic of {self.item.number})"


class Finding(models.Model):
    """A point recorded at the meeting; optionally the engine finding it came from."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="findings")
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="findings", null=True, blank=True
    )
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    engine_finding_key = models.CharField(max_length=200, blank=True)
    measure_id = models.CharField(max_length=100, blank=True)
    evidence = models.JSONField(null=True, blank=True, help_text="the engine's evidence, as shown")

    class Meta:
        ordering = ("item", "order", "pk")

    def __str__(self) -> str:
        return self.text[:80]


class Action(models.Model):
    """Something the meeting asked someone to do; ``status`` mirrors the latest history row."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="actions", null=True, blank=True
    )
    text = models.TextField()
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16,
        choices=ActionStatus.choices(),
        default=ActionStatus.OPEN.value,
        editable=False,
    )
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("meeting", "order", "pk")
        permissions = (
            ("update_own_action", "Can update the status of, and add evidence to, own actions"),
        )

    def __str__(self) -> str:
        return f"#{self.pk} {self.text[:60]}"

    @property
    def owner_roles(self) -> list[str]:
        return [owner.role for owner in self.owners.all()]

    @property
    def owner_label(self) -> str:
        """Owners as the ACTION column prints them: "CC DCC"."""
        return " ".join(self.owner_roles)


class ActionOwner(models.Model):
    """One of the roles that owns an action (an action may have several)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="owners")
    role = models.CharField(max_length=8, choices=Role.choices())
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("action", "order", "pk")
        constraints = (models.UniqueConstraint(fields=("action", "role"), name="one_owner_a_role"),)

    def __str__(self) -> str:
        return self.role


class ActionStatusChange(models.Model):
    """The history of an action: each status it took, when, by whom and why. Never edited.

    ``at`` is when the change took effect (the meeting, for the first row); ``recorded_at``
    when it was typed in. Questions "as at a date" use ``at``.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=16, choices=ActionStatus.choices())
    at = models.DateTimeField()
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    by = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("action", "at", "pk")

    def __str__(self) -> str:
        return f"{self.status} at {self.at:%Y-%m-%d} by {self.by}"


class Evidence(models.Model):
    """What shows an action was done: a description, a link, or both. Needed to close."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    text = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    added_at = models.DateTimeField()
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    by = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("action", "added_at", "pk")
        verbose_name_plural = "evidence"
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(text="") | ~models.Q(url=""), name="evidence_has_text_or_link"
            ),
        )

    def __str__(self) -> str:
        return self.text[:60] or self.url


class AccountRole(models.Model):
    """A role a user account answers for in one force: a force user may update the actions
    that this role owns there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assurance_roles"
    )
    force_code = models.CharField(max_length=64)
    role = models.CharField(max_length=8, choices=Role.choices())

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "force_code", "role"), name="one_role_a_user"),
        )

    def __str__(self) -> str:
        return f"{self.user} as {self.role} ({self.force_code})"
