# mypy: allow-subclassing-any
from __future__ import annotations

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "assurance.web.meetings"
    label = "meetings"
    verbose_name = "Meetings and actions"
    default_auto_field = "django.db.models.BigAutoField"
