# mypy: allow-subclassing-any
"""The web forms. They only read what was typed; the rules (evidence to close, a reason to
drop or reopen, dates in order, who may change what) are the services' and are enforced there.
Error messages follow the GOV.UK Design System: say what to do, in plain words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from assurance.web.meetings.vocabulary import ActionStatus, Role


class SignInForm(AuthenticationForm):
    error_messages: ClassVar[dict[str, str]] = {
        "invalid_login": "Enter a correct username and password (both are case-sensitive)",
        "inactive": "This account is switched off: ask the PCC's office to switch it on",
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


#: Statuses a person can set with the status form (done needs the close form).
STATUS_CHOICES = [
    (ActionStatus.OPEN.value, "Open"),
    (ActionStatus.IN_PROGRESS.value, "In progress"),
    (ActionStatus.DROPPED.value, "Dropped"),
]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=STATUS_CHOICES,
        error_messages={
            "required": "Select the action's new status",
            "invalid_choice": "Select open, in progress or dropped",
        },
    )
    note = forms.CharField(
        required=False,
        max_length=4000,
        error_messages={"max_length": "The note must be 4,000 characters or fewer"},
    )


class CloseForm(forms.Form):
    evidence = forms.CharField(
        required=False,
        max_length=4000,
        error_messages={"max_length": "The evidence must be 4,000 characters or fewer"},
    )
    link = forms.CharField(
        required=False,
        max_length=500,
        error_messages={"max_length": "The link must be 500 characters or fewer"},
    )
    note = forms.CharField(
        required=False,
        max_length=4000,
        error_messages={"max_length": "The note must be 4,000 characters or fewer"},
    )


SHOW_CHOICES = [("open", "Open"), ("overdue", "Overdue"), ("all", "All")]


class ActionFilterForm(forms.Form):
    """The actions list's filters (a GET form: nothing here changes the record)."""

    show = forms.ChoiceField(required=False, choices=SHOW_CHOICES)
    owner = forms.ChoiceField(required=False, choices=[("", "Any owner"), *Role.choices()])


@dataclass
class Problems:
    """The errors of one form, for the error summary and beside each field
    (``problems.errors.evidence`` in a template).

    ``prefix`` keeps ids unique when a page holds two forms (``close-evidence``).
    """

    prefix: str
    errors: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def add_form(self, form: forms.Form) -> None:
        for name, errors in form.errors.items():
            self.add("form" if name == "__all__" else name, str(errors[0]))

    def anchor(self, name: str) -> str:
        """The id the summary links to: the field, or the first part of a date."""
        if name == "on":
            return f"{self.prefix}-on-day"
        if name == "form":  # not about one field: the form itself
            return f"{self.prefix}-form"
        return f"{self.prefix}-{name}"

    @property
    def summary(self) -> list[tuple[str, str]]:
        return [(self.anchor(name), message) for name, message in self.errors.items()]

    def __bool__(self) -> bool:
        return bool(self.errors)


def read_date(data: Mapping[str, Any], label: str) -> tuple[date | None, str]:
    """An optional GOV.UK date input named ``on`` (``on-day``, ``on-month``, ``on-year``).

    Returns ``(date, "")``, ``(None, "")`` when all three are blank, or ``(None, message)``.
    """
    parts = [str(data.get(f"on-{p}", "") or "").strip() for p in ("day", "month", "year")]
    if not any(parts):
        return None, ""
    if not all(parts):
        return None, f"{label} must include a day, month and year"
    try:
        day, month, year = (int(p) for p in parts)
        if year < 1000:
            return None, f"{label} must have a four-digit year, like 2016"
        return date(year, month, day), ""
    except ValueError:
        return None, f"{label} must be a real date, like 27 6 2016"


def date_parts(data: Mapping[str, Any]) -> dict[str, str]:
    """What was typed in the date input, to show it again."""
    return {p: str(data.get(f"on-{p}", "") or "") for p in ("day", "month", "year")}
