"""The Django admin, for the secretariat: every admin page asks the portal's permission module."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from wsis_portal import permissions
from wsis_portal.models import Heartbeat


class PortalModelAdmin(SimpleHistoryAdmin):
    """Model admin whose view/add/change/delete rights come from one portal action."""

    permission_action = "reference.change"
    # Web addresses typed without a scheme are https ones, as in the portal's own forms (and Django 6's
    # default): without this every change page with a URLField warns, and fails under the tests.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, AdminSplitDateTime):
            # Django labels the date and time boxes of a date-time field with bare text: name each one
            # (WCAG 1.3.1 / 4.1.2; axe's "label" rule).
            name = capfirst(db_field.verbose_name)
            date_box, time_box = widget.widgets
            date_box.attrs["aria-label"] = format_lazy("{name} ({part})", name=name, part=_("date"))
            time_box.attrs["aria-label"] = format_lazy("{name} ({part})", name=name, part=_("time"))
        return formfield

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, self.permission_action)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can(request.user, self.permission_action, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return permissions.can(request.user, self.permission_action)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can(request.user, self.permission_action, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can(request.user, self.permission_action, obj)


def _admin_has_permission(request: HttpRequest) -> bool:
    return request.user.is_active and permissions.can(request.user, "portal.admin.access")


def _admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    # One sign-in page for everyone: throttled, and followed by the second factor for staff.
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in, but without the role: no sign-in loop, a clear 403
    return redirect_to_login(request.GET.get("next", reverse("admin:index")), reverse("accounts:login"))


admin.site.has_permission = _admin_has_permission  # type: ignore[method-assign]
admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.site_header = _("WSIS follow-up portal")
admin.site.site_title = _("WSIS portal administration")


@admin.register(Heartbeat)
class HeartbeatAdmin(PortalModelAdmin):
    list_display = ("name", "beat_at", "hostname")
