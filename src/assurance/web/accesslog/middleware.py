"""Record each request in the access log (after the answer is known)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponseBase

from assurance.web.accesslog.models import PageView

log = logging.getLogger(__name__)

#: Not logged: static files (normally answered before this runs) and the health check.
SKIPPED_PREFIXES = ("/health/",)


class AccessLogMiddleware:
    """Append a :class:`PageView` for every request that reaches the app.

    A failure to write the log is itself logged (without the path or the account) and never
    stops the page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        static = "/" + str(settings.STATIC_URL).lstrip("/")
        self.skipped = (*SKIPPED_PREFIXES, static)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.monotonic()
        response = self.get_response(request)
        if not request.path.startswith(self.skipped):
            user = getattr(request, "user", None)
            try:
                PageView.objects.create(
                    user=user if user is not None and user.is_authenticated else None,
                    method=(request.method or "")[:8],
                    path=request.path[:500],
                    status=response.status_code,
                    duration_ms=int((time.monotonic() - started) * 1000),
                )
            except DatabaseError:
                log.warning("could not write the access log", exc_info=True)
        return response
