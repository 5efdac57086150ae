"""Read-only admin views of consultations and events (with their audit history). Writes go through
the portal's own pages and API, whose services check versions, open periods and permissions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from consultations.models import Consultation, Contribution, Event, Participation
from wsis_portal.admin import PortalModelAdmin


class ReadOnlyAdmin(PortalModelAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    permission_action = "consultations.consultation.manage"
    list_display = ("title", "mandate_symbol", "opens_on", "closes_on", "meeting_date")
    search_fields = ("title", "mandate_symbol")


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    permission_action = "consultations.contribution.record"
    list_display = ("consultation", "organisation", "contributor_name", "stakeholder_group", "channel", "date")
    list_filter = ("stakeholder_group", "channel", "recorded_by_secretariat")
    list_select_related = ("consultation", "organisation")


class ParticipationInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Participation
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    permission_action = "consultations.event.manage"
    list_display = ("title", "kind", "starts_on", "ends_on", "city", "recurrence", "to_verify")
    list_filter = ("kind", "to_verify")
    search_fields = ("title", "city")
    inlines = [ParticipationInline]
