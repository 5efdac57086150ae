from django.contrib import admin

from indicators.models import (
    Indicator,
    NationalStrategy,
    Observation,
    ObservationImport,
    StrategyReview,
    TargetIndicator,
)
from wsis_portal.admin import PortalModelAdmin


class TargetIndicatorInline(admin.TabularInline):
    model = TargetIndicator
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(PortalModelAdmin):
    list_display = ("code", "name_en", "unit", "sdg_indicator", "custodian", "itu_code", "wb_code", "sort")
    search_fields = ("code", "name_en", "name_fr", "name_es", "name_ru", "name_ar", "name_zh", "sdg_indicator")
    list_select_related = ("custodian",)
    autocomplete_fields = ("custodian",)
    readonly_fields = ("version",)
    inlines = [TargetIndicatorInline]

    def save_model(self, request: object, obj: Indicator, form: object, change: bool) -> None:
        if change:
            obj.version += 1  # the API's version check sees edits made here too
        super().save_model(request, obj, form, change)  # type: ignore[arg-type]


@admin.register(Observation)
class ObservationAdmin(PortalModelAdmin):
    list_display = ("indicator", "country", "region", "year", "sex", "area", "value")
    list_filter = ("indicator", "sex", "area")
    list_select_related = ("indicator", "country", "region")
    search_fields = ("country__iso3", "country__name_en", "region__code", "region__name_en")
    autocomplete_fields = ("country",)


@admin.register(NationalStrategy)
class NationalStrategyAdmin(PortalModelAdmin):
    list_display = ("country", "year", "status", "title")
    list_filter = ("status", "year")
    list_select_related = ("country",)
    search_fields = ("country__iso3", "country__name_en", "title")
    autocomplete_fields = ("country",)


@admin.register(StrategyReview)
class StrategyReviewAdmin(PortalModelAdmin):
    list_display = ("code", "year", "region", "countries_covered")


@admin.register(ObservationImport)
class ObservationImportAdmin(PortalModelAdmin):
    list_display = ("original_name", "layout", "state", "uploaded_by", "uploaded_at", "observation_count")
    list_filter = ("layout", "state")
    readonly_fields = [field.name for field in ObservationImport._meta.fields]
