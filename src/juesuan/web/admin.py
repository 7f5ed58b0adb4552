"""Django admin for the bureau's 管理员: organisations, users and roles, years. The audit log is
read-only here as everywhere."""
from django.contrib import admin

from .models import AuditEvent, DepartmentYear, Membership, Organisation

admin.site.site_header = admin.site.site_title = "决算公开平台管理"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent")
    list_filter = ("kind",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role",)


@admin.register(DepartmentYear)
class DepartmentYearAdmin(admin.ModelAdmin):
    list_display = ("department", "year", "profile", "status", "updated_at")
    list_filter = ("year", "status")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "target", "ip")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
