from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from wsis_portal.admin import PortalModelAdmin


@admin.register(User)
class UserAdmin(PortalModelAdmin):
    permission_action = "accounts.user.manage"
    list_display = ("email", "full_name", "role", "is_active", "email_verified", "date_joined")
    list_filter = ("role", "is_active", "email_verified")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "full_name", "preferred_language")}),
        (_("Role and status"), {"fields": ("role", "is_active", "email_verified", "is_staff")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
