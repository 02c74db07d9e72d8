# mypy: allow-untyped-decorators, no-warn-return-any
"""The home page: each force on record, its latest meeting, its open and overdue actions, and
the packs built for it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from assurance.web.meetings import services
from assurance.web.meetings.models import Meeting
from assurance.web.views.common import force_name
from assurance.web.views.packs import available_packs


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    codes = sorted(set(Meeting.objects.values_list("force_code", flat=True)))
    forces: list[dict[str, Any]] = []
    for code in codes:
        latest = Meeting.objects.filter(force_code=code).order_by("-date").first()
        still_open = services.list_actions(force_code=code, open_only=True)
        overdue = [a for a in still_open if services.working_days_overdue(a, today) > 0]
        forces.append(
            {
                "code": code,
                "name": force_name(code),
                "latest": latest,
                "open": len(still_open),
                "overdue": len(overdue),
            }
        )
    return render(
        request,
        "pages/home.html",
        {"forces": forces, "today": today, "packs": available_packs()},
    )
