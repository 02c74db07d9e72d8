# mypy: allow-subclassing-any, no-warn-return-any
"""One row per page request: who (the account, not a name), what path, the answer, when.

The query string is never kept (filters could carry words a person typed), nor the address
or browser of the person asking. Rows stay until :func:`prune` removes them.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class PageView(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="empty when nobody was signed in",
    )
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500, help_text="without the query string")
    status = models.PositiveSmallIntegerField()
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = "page view"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.method} {self.path} {self.status}"


def prune(before: datetime) -> int:
    """Delete the rows older than ``before``; returns how many went."""
    deleted, _ = PageView.objects.filter(at__lt=before).delete()
    return deleted
