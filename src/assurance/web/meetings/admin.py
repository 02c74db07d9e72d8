# mypy: allow-subclassing-any
"""Admin registration: a fallback editor for the PCC's office. History is read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from assurance.web.meetings import models


class AttendanceInline(admin.TabularInline):
    model = models.Attendance
    extra = 0


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0
    fields = ("number", "title", "order", "kind", "holds_to_account")


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("date", "force_code", "chair", "next_meeting_date")
    list_filter = ("force_code",)
    date_hierarchy = "date"
    inlines = (AttendanceInline, AgendaItemInline)


class OwnerInline(admin.TabularInline):
    model = models.ActionOwner
    extra = 0


class HistoryInline(admin.TabularInline):
    model = models.ActionStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("status", "at", "recorded_at", "by", "user", "note")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # status changes go through the services (actions update / close)


class EvidenceInline(HistoryInline):
    model = models.Evidence
    readonly_fields = ("text", "url", "added_at", "recorded_at", "by", "user")


@admin.register(models.Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("pk", "text", "meeting", "status", "due_date")
    list_filter = ("status", "meeting__force_code")
    search_fields = ("text",)
    readonly_fields = ("status",)
    inlines = (OwnerInline, HistoryInline, EvidenceInline)


admin.site.register(models.Topic)
admin.site.register(models.Finding)
admin.site.register(models.AccountRole)
