from django.contrib import admin

from stocktaking.models import Entry, ExportJob, ImportBatch, LinkCheck
from wsis_portal.admin import PortalModelAdmin


@admin.register(Entry)
class EntryAdmin(PortalModelAdmin):
    permission_action = "stocktaking.entry.moderate"
    list_display = ("title", "organisation", "state", "original_language", "published_at")
    list_filter = ("state", "original_language", "status", "coverage", "stakeholder_type")
    search_fields = ("title", "short_description", "organisation__name_en")
    list_select_related = ("organisation",)
    raw_id_fields = ("organisation", "owner", "approved_by")
    readonly_fields = ("facet_action_lines", "facet_sdg_goals", "facet_countries", "facet_regions")


@admin.register(ExportJob)
class ExportJobAdmin(PortalModelAdmin):
    permission_action = "stocktaking.entry.moderate"
    list_display = ("token", "format", "state", "done_rows", "total_rows", "created_at")


@admin.register(LinkCheck)
class LinkCheckAdmin(PortalModelAdmin):
    permission_action = "stocktaking.entry.moderate"
    list_display = ("url", "entry", "ok", "status_code", "checked_at", "consecutive_failures")
    list_filter = ("ok",)
    raw_id_fields = ("entry",)


@admin.register(ImportBatch)
class ImportBatchAdmin(PortalModelAdmin):
    permission_action = "stocktaking.entry.moderate"
    list_display = ("original_name", "state", "row_count", "created_count", "updated_count", "uploaded_at")
