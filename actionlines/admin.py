from django.contrib import admin

from actionlines.models import ActionLine, Facilitation, MatrixLink, SdgGoal, SdgTarget, WsisTarget
from wsis_portal.admin import PortalModelAdmin


class FacilitationInline(admin.TabularInline):
    model = Facilitation
    extra = 0
    autocomplete_fields = ("organisation",)


class MatrixLinkInline(admin.TabularInline):
    model = MatrixLink
    extra = 0
    autocomplete_fields = ("target",)


@admin.register(ActionLine)
class ActionLineAdmin(PortalModelAdmin):
    list_display = ("code", "name_en", "prize_category", "sort")
    search_fields = ("code", "name_en", "name_fr", "name_es", "name_ru", "name_ar", "name_zh")
    inlines = [FacilitationInline, MatrixLinkInline]


@admin.register(Facilitation)
class FacilitationAdmin(PortalModelAdmin):
    list_display = ("action_line", "organisation", "role", "valid_from", "valid_to")
    list_filter = ("role", "organisation")
    list_select_related = ("action_line", "organisation")


@admin.register(SdgGoal)
class SdgGoalAdmin(PortalModelAdmin):
    list_display = ("number", "short_en")


@admin.register(SdgTarget)
class SdgTargetAdmin(PortalModelAdmin):
    list_display = ("code", "goal", "text_en")
    search_fields = ("code", "text_en")
    list_select_related = ("goal",)


@admin.register(WsisTarget)
class WsisTargetAdmin(PortalModelAdmin):
    list_display = ("number", "text_en")
