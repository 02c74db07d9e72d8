"""Response headers Django 5.2 does not set itself: a Content Security Policy, a Permissions
Policy, and ``Cache-Control: no-store`` on signed-in pages.

Django's ``SecurityMiddleware`` already sends ``X-Content-Type-Options: nosniff``,
``Referrer-Policy: same-origin`` and ``Cross-Origin-Opener-Policy: same-origin`` (and HSTS over
HTTPS); the clickjacking middleware sends ``X-Frame-Options: DENY``.

The pages load scripts, styles and images from this site only, with no inline script or style,
so the policy needs no ``unsafe-inline``. A view that serves a document of another kind (the
minutes, a pack) sets its own, narrower policy first; this middleware keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

#: The policy of the app's own pages.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

#: A stand-alone document (minutes, packs): its own inline styles and images, no script.
DOCUMENT_POLICY = "; ".join(
    (
        "default-src 'none'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # the record is not for shared caches or the browser's back-button cache
            response.headers.setdefault("Cache-Control", "no-store")
        return response
