"""Read-only admin pages for the audit log and the erased-request counts.

Requests themselves are worked in the back office (/staff/), where every view is audited.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from intake.models import AuditEntry, AuditTally, ErasedRequestTally
from intake.roles import may_manage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_username", "action", "request_public_id", "ip_address", "detail"]
    list_filter = ["action"]
    search_fields = ["=request_public_id", "actor_username"]


@admin.register(ErasedRequestTally)
class ErasedRequestTallyAdmin(ReadOnlyAdmin):
    list_display = ["month", "final_status", "count"]


@admin.register(AuditTally)
class AuditTallyAdmin(ReadOnlyAdmin):
    list_display = ["month", "action", "count"]


class StaffUserAdmin(UserAdmin):
    """Django's user admin, where only a superuser may touch superusers, permissions and roles.

    No role is given Django's user permissions (see intake/roles.py); this
    guards the admin all the same, should an operator ever grant them.
    """

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return (*fields, "is_superuser", "is_staff", "groups", "user_permissions")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser:
            assert isinstance(request.user, User)
            if not may_manage(request.user, obj):
                return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
