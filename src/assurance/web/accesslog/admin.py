# mypy: allow-subclassing-any, allow-untyped-decorators
"""The access log in the Django admin: read only, for superusers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from assurance.web.accesslog.models import PageView


@admin.register(PageView)
class PageViewAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "method", "path", "status", "duration_ms")
    list_filter = ("status", "method")
    date_hierarchy = "at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
