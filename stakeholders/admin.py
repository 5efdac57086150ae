from django.contrib import admin

from stakeholders.models import (
    CommissionMembership,
    Country,
    JoinRequest,
    Membership,
    Organisation,
    Region,
    StakeholderType,
)
from wsis_portal.admin import PortalModelAdmin

NAMES = ("name_en", "name_fr", "name_es", "name_ru", "name_ar", "name_zh")


@admin.register(Region)
class RegionAdmin(PortalModelAdmin):
    list_display = ("code", "name_en", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", *NAMES)
    list_select_related = ("parent",)


@admin.register(Country)
class CountryAdmin(PortalModelAdmin):
    list_display = ("iso3", "iso2", "m49", "name_en", "region", "subregion", "un_member")
    list_filter = ("un_member", "region", "groupings")
    search_fields = ("iso3", "iso2", "m49", *NAMES)
    list_select_related = ("region", "subregion")
    filter_horizontal = ("groupings",)


@admin.register(StakeholderType)
class StakeholderTypeAdmin(PortalModelAdmin):
    list_display = ("code", "name_en", "sort")


class CommissionMembershipInline(admin.TabularInline):
    model = CommissionMembership
    extra = 0
    autocomplete_fields = ("country",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(PortalModelAdmin):
    list_display = ("name_en", "acronym", "stakeholder_type", "country", "verified", "is_regional_commission")
    list_filter = ("verified", "stakeholder_type", "is_regional_commission", "is_ungis_member")
    search_fields = ("code", "acronym", *NAMES)
    list_select_related = ("stakeholder_type", "country")
    autocomplete_fields = ("country",)
    inlines = [MembershipInline, CommissionMembershipInline]


@admin.register(JoinRequest)
class JoinRequestAdmin(PortalModelAdmin):
    permission_action = "stakeholders.joinrequest.decide"
    list_display = ("user", "organisation_label", "role", "state", "created_at", "decided_by")
    list_filter = ("state", "role")
    search_fields = ("user__email", "proposed_name", "organisation__name_en")
    list_select_related = ("user", "organisation", "decided_by")
    readonly_fields = ("decided_by", "decided_at", "created_at")
