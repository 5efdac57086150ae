"""The admin shows the reporting cycle to the secretariat. Reports change only through the workflow's
services (pages and API), so their admin is read-only; a cycle's dates, symbols and reminders may be
corrected here (opening one is done from its page, which invites the entities)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from reports.models import ActivityReport, Invitation, ReportingCycle, ReportVersion, ReviewComment
from wsis_portal.admin import PortalModelAdmin


class ReadOnlyAdmin(PortalModelAdmin):
    permission_action = "reports.cycle.manage"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportingCycle)
class ReportingCycleAdmin(PortalModelAdmin):
    permission_action = "reports.cycle.manage"
    list_display = ("year", "session", "deadline", "state", "symbol_ga", "symbol_ecosoc")
    fields = ("year", "session", "deadline", "reminder_days", "symbol_ga", "symbol_ecosoc", "state", "opened_by")
    readonly_fields = ("year", "state", "opened_by")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "organisation", "kind", "invited_at")
    list_filter = ("cycle", "kind")
    list_select_related = ("cycle", "organisation")


@admin.register(ActivityReport)
class ActivityReportAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "organisation", "state", "late", "submitted_at", "accepted_by", "accepted_at")
    list_filter = ("cycle", "state", "late", "language")
    list_select_related = ("cycle", "organisation", "accepted_by")
    search_fields = ("organisation__name_en", "organisation__acronym")


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ("report", "number", "event", "created_by", "created_at")
    list_select_related = ("report__cycle", "report__organisation", "created_by")


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    list_display = ("report", "section", "author", "created_at", "resolved")
    list_filter = ("resolved",)
    list_select_related = ("report__cycle", "report__organisation", "author")
