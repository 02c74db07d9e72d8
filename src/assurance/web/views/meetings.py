# mypy: allow-untyped-decorators, no-warn-return-any
"""Meetings: the list, one meeting (attendance, the agenda with its findings and actions), and
its minutes as HTML or PDF (drawn by ``meetings.minutes``, the same as the command line's)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from assurance.web.meetings.minutes import build_minutes, minutes_html, minutes_pdf
from assurance.web.meetings.models import Action, Meeting
from assurance.web.meetings.vocabulary import CLOSED_STATUSES
from assurance.web.security import DOCUMENT_POLICY
from assurance.web.views.actions import status_view
from assurance.web.views.common import force_name

CLOSED = sorted(str(s) for s in CLOSED_STATUSES)


def _meeting(pk: int) -> Meeting:
    try:
        return Meeting.objects.get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404(f"There is no meeting {pk}.") from None


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = (
        Meeting.objects.annotate(
            raised=Count("actions", distinct=True),
            still_open=Count("actions", filter=~Q(actions__status__in=CLOSED), distinct=True),
        )
        .order_by("-date", "force_code")
        .all()
    )
    rows = [(m, force_name(m.force_code)) for m in meetings]
    return render(request, "pages/meeting_list.html", {"rows": rows})


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    minutes = build_minutes(meeting)
    numbers = [line.number for s in minutes.sections for b in s.blocks for line in b.actions]
    actions = {
        a.pk: a
        for a in Action.objects.filter(pk__in=numbers)
        .select_related("meeting")
        .prefetch_related("owners", "history")
    }
    on = timezone.localdate()  # the page shows where each action stands now
    statuses: dict[int, dict[str, Any]] = {
        pk: status_view(action, on) for pk, action in actions.items()
    }
    sections = [
        {
            "section": section,
            "blocks": [
                {
                    "block": block,
                    "actions": [(line, statuses.get(line.number)) for line in block.actions],
                }
                for block in section.blocks
            ],
        }
        for section in minutes.sections
    ]
    return render(
        request,
        "pages/meeting_detail.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "force": force_name(meeting.force_code),
            "sections": sections,
            "present": [a for a in meeting.attendance.all() if a.present],
        },
    )


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = DOCUMENT_POLICY
    return response


@require_GET
@permission_required("meetings.view_meeting", raise_exception=True)
def minutes_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = _meeting(pk)
    name = f"minutes-{meeting.force_code}-{meeting.date.isoformat()}.{fmt}"
    if fmt == "pdf":
        return _download(minutes_pdf(meeting), "application/pdf", name)
    return _download(minutes_html(meeting), "text/html; charset=utf-8", name)
