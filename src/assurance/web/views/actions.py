# mypy: allow-untyped-decorators, no-warn-return-any
"""Actions: the list with its filters, one action with its history and evidence, and the two
forms that change it (a new status; closing with evidence). The forms call the services,
which hold every rule; a refusal comes back as a GOV.UK error summary."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from assurance.web.forms import (
    SHOW_CHOICES,
    STATUS_CHOICES,
    ActionFilterForm,
    CloseForm,
    Problems,
    StatusForm,
    date_parts,
    read_date,
)
from assurance.web.meetings import services
from assurance.web.meetings.errors import EvidenceRequired, MeetingError, NotAllowed, NotFound
from assurance.web.meetings.models import Action
from assurance.web.meetings.vocabulary import CLOSED_STATUSES, ActionStatus, Role
from assurance.web.views.common import force_name, may_reopen, may_update

#: The GOV.UK tag colour of each status.
STATUS_TAG = {
    ActionStatus.OPEN.value: "govuk-tag--blue",
    ActionStatus.IN_PROGRESS.value: "govuk-tag--yellow",
    ActionStatus.DONE.value: "govuk-tag--green",
    ActionStatus.DROPPED.value: "govuk-tag--grey",
}

#: The command line's words in the services' messages, and what to say on a web page instead.
_CLI_WORDS = (
    (re.compile(r": add --note REASON"), " in the note"),
    (re.compile(r" \(give --on that date or later\)"), ": give that date or a later one"),
    (re.compile(r"--evidence TEXT"), "the evidence"),
    (re.compile(r"--link URL"), "a link"),
    (re.compile(r"`assurance actions list`"), "the actions list"),
)


def web_message(exc: MeetingError) -> str:
    """A service's message, worded for the web page (no command-line options)."""
    text = str(exc)
    for pattern, words in _CLI_WORDS:
        text = pattern.sub(words, text)
    return text[:1].upper() + text[1:]


def _field_for(exc: MeetingError, form: str) -> str:
    """Which field a service's refusal belongs beside."""
    text = str(exc)
    if isinstance(exc, EvidenceRequired):
        return "evidence"
    if "--note" in text:
        return "note"
    if "--on" in text or "take effect" in text:
        return "on"
    if "web address" in text:
        return "link"
    if "status" in text and form == "status":
        return "status"
    return "form"


def _action(pk: int) -> Action:
    try:
        return services.find_action(pk)
    except NotFound:
        raise Http404(f"There is no action {pk}.") from None


def _today() -> date:
    return timezone.localdate()


def status_view(action: Action, on: date) -> dict[str, Any]:
    """What the pages show of one action's status."""
    overdue = services.working_days_overdue(action, on)
    return {
        "action": action,
        "status_label": ActionStatus(action.status).label,
        "status_tag": STATUS_TAG.get(action.status, "govuk-tag--grey"),
        "overdue": overdue,
        "overdue_count": f"{overdue:,}",
        "overdue_text": f"{overdue:,} working day{'' if overdue == 1 else 's'} overdue",
    }


@require_GET
@permission_required("meetings.view_action", raise_exception=True)
def action_list(request: HttpRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET)
    form.is_valid()  # unknown values fall back to the defaults
    show = form.cleaned_data.get("show") or "open"
    owner = form.cleaned_data.get("owner") or ""
    problems = Problems("filter")
    on, date_problem = read_date(request.GET, "The date to count overdue working days to")
    if date_problem:
        problems.add("on", date_problem)
    on = on or _today()
    actions = services.list_actions(
        open_only=show == "open",
        overdue_on=on if show == "overdue" else None,
        owner=owner or None,
    )
    rows = [{**status_view(a, on), "force": force_name(a.meeting.force_code)} for a in actions]
    forces = {a.meeting.force_code for a in actions}
    label = dict(SHOW_CHOICES)[show]
    caption = f"{label} actions" + (f" owned by {owner}" if owner else "")
    return render(
        request,
        "pages/action_list.html",
        {
            "rows": rows,
            "show": show,
            "owner": owner,
            "on": on,
            "on_is_today": on == _today(),
            "on_parts": date_parts(request.GET),
            "show_choices": SHOW_CHOICES,
            "owner_choices": [(r.value, r.label) for r in Role],
            "caption": caption,
            "several_forces": len(forces) > 1,
            "problems": problems,
        },
        status=400 if problems else 200,
    )


def _detail_context(
    request: HttpRequest,
    action: Action,
    *,
    status: Problems | None = None,
    close: Problems | None = None,
) -> dict[str, Any]:
    user = request.user
    closed = action.status in CLOSED_STATUSES
    can_update = may_update(user, action)
    history = list(action.history.select_related("user").order_by("at", "pk"))
    return {
        **status_view(action, _today()),
        "meeting": action.meeting,
        "force": force_name(action.meeting.force_code),
        "owners": [(r, Role(r).label) for r in action.owner_roles],
        "history": [
            (change, ActionStatus(change.status).label, STATUS_TAG.get(change.status, ""))
            for change in history
        ],
        "evidence": list(action.evidence.order_by("added_at", "pk")),
        "can_update": can_update,
        "show_status_form": can_update and (not closed or may_reopen(user)),
        "show_close_form": can_update and action.status != ActionStatus.DONE,
        "closed": closed,
        "status_choices": STATUS_CHOICES,
        "status_problems": status or Problems("status"),
        "close_problems": close or Problems("close"),
        # what was typed, shown again in the form that was sent
        "status_posted": request.POST if status else {},
        "status_on": date_parts(request.POST) if status else {},
        "close_posted": request.POST if close else {},
        "close_on": date_parts(request.POST) if close else {},
    }


@require_GET
@permission_required("meetings.view_action", raise_exception=True)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    return render(request, "pages/action_detail.html", _detail_context(request, action))


def _refuse_unless_allowed(request: HttpRequest, action: Action) -> None:
    if not may_update(request.user, action):
        if request.user.has_perm("meetings.update_own_action"):
            raise PermissionDenied(
                f"Action {action.pk} is owned by {action.owner_label}, not by your role. Ask the "
                "PCC's office to update it, or to add your role to its owners."
            )
        raise PermissionDenied(
            "Your account can only read the record. Ask the PCC's office to update it."
        )


@require_POST
@permission_required("meetings.view_action", raise_exception=True)
def update_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    _refuse_unless_allowed(request, action)
    form = StatusForm(request.POST)
    problems = Problems("status")
    on, date_problem = read_date(request.POST, "The date the change took effect")
    if not form.is_valid():
        problems.add_form(form)
    if date_problem:
        problems.add("on", date_problem)
    if not problems:
        try:
            services.update_status(
                action,
                form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                at=on,
                user=request.user,
            )
        except NotAllowed as exc:
            raise PermissionDenied(web_message(exc)) from exc
        except MeetingError as exc:
            problems.add(_field_for(exc, "status"), web_message(exc))
    if problems:
        action.refresh_from_db()
        context = _detail_context(request, action, status=problems)
        return render(request, "pages/action_detail.html", context, status=400)
    label = ActionStatus(form.cleaned_data["status"]).label.lower()
    messages.success(request, f"Action {action.pk} is now {label}.")
    return HttpResponseRedirect(reverse("action", args=[action.pk]))


@require_POST
@permission_required("meetings.view_action", raise_exception=True)
def close(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    _refuse_unless_allowed(request, action)
    form = CloseForm(request.POST)
    problems = Problems("close")
    on, date_problem = read_date(request.POST, "The date the action was done")
    if not form.is_valid():
        problems.add_form(form)
    if date_problem:
        problems.add("on", date_problem)
    if not problems:
        try:
            services.close_action(
                action,
                evidence=form.cleaned_data["evidence"],
                link=form.cleaned_data["link"],
                note=form.cleaned_data["note"],
                at=on,
                user=request.user,
            )
        except NotAllowed as exc:
            raise PermissionDenied(web_message(exc)) from exc
        except EvidenceRequired:
            problems.add(
                "evidence",
                "Enter what was done, or a link to the evidence: an action cannot be closed "
                "without evidence",
            )
        except MeetingError as exc:
            problems.add(_field_for(exc, "close"), web_message(exc))
    if problems:
        action.refresh_from_db()
        context = _detail_context(request, action, close=problems)
        return render(request, "pages/action_detail.html", context, status=400)
    messages.success(request, f"Action {action.pk} is closed with its evidence.")
    return HttpResponseRedirect(reverse("action", args=[action.pk]))
