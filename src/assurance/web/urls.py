"""URLs: the web app's pages, the health check and the Django admin.

Every page needs a signed-in account (``LoginRequiredMiddleware``) except the sign-in page and
``/health/``.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import path, register_converter

from assurance.web.views import account, actions, home, meetings, packs


class _Force:
    regex = packs.FORCE_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class _Month(_Force):
    regex = packs.MONTH_PATTERN


class _MinutesFormat(_Force):
    regex = "html|pdf"


register_converter(_Force, "force")
register_converter(_Month, "month")
register_converter(_MinutesFormat, "minutes_format")

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in/", account.SignInView.as_view(), name="sign-in"),
    path("sign-out/", account.SignOutView.as_view(), name="sign-out"),
    path("health/", account.health, name="health"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path(
        "meetings/<int:pk>/minutes.<minutes_format:fmt>",
        meetings.minutes_download,
        name="minutes",
    ),
    path("actions/", actions.action_list, name="actions"),
    path("actions/<int:pk>/", actions.action_detail, name="action"),
    path("actions/<int:pk>/status/", actions.update_status, name="action-status"),
    path("actions/<int:pk>/close/", actions.close, name="action-close"),
    path("packs/", packs.pack_list, name="packs"),
    path("packs/<force:force>/<month:month>/", packs.pack_page, name="pack"),
    path("packs/<force:force>/<month:month>/<path:name>", packs.pack_file, name="pack-file"),
    path("admin/", admin.site.urls),
]
