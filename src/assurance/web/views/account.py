# mypy: allow-subclassing-any, allow-untyped-decorators, no-warn-return-any
"""Signing in and out, and the health check: the only pages open without signing in."""

from __future__ import annotations

import logging

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assurance.web.forms import SignInForm

log = logging.getLogger(__name__)


class SignInView(auth_views.LoginView):
    """Django's sign-in (argon2 password check, session rotated, CSRF), in GOV.UK dress."""

    template_name = "registration/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out (a POST with the CSRF token, as Django requires)."""


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """``{"status": "ok"}`` when the app database answers; 503 otherwise. Not logged."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log.warning("health check: the app database did not answer", exc_info=True)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
