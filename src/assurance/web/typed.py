"""Typed wrappers for the few Django helpers the project decorates with (Django ships no types)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.db import transaction

F = TypeVar("F", bound=Callable[..., Any])


def atomic(func: F) -> F:
    """``django.db.transaction.atomic`` as a decorator that keeps the function's signature."""
    return cast(F, transaction.atomic(func))
