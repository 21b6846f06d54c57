"""Read-only admin pages for the audit log and the erased-request counts.

Requests themselves are worked in the back office (/staff/), where every view is audited.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from intake.models import AuditEntry, ErasedRequestTally


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
