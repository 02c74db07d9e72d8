# mypy: allow-subclassing-any
from __future__ import annotations

from django.apps import AppConfig


class AccessLogConfig(AppConfig):
    name = "assurance.web.accesslog"
    label = "accesslog"
    verbose_name = "Access log"
    default_auto_field = "django.db.models.BigAutoField"
