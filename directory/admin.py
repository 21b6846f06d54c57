from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from directory.models import Facility, Service, ServiceCategory
from directory.provenance import accept_flagged_facts, correction_stamp, facts_of_columns, stamp_correction
from directory.service_mask import SERVICE_COLUMNS


class ReviewFlagFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("flagged", "A newer source disagrees with a correction")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Facility]) -> QuerySet[Facility]:
        if self.value() == "flagged":
            return queryset.exclude(review_flags__isnull=True).exclude(review_flags={})
        return queryset


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["public_id", "name", "program_name", "city", "state", "published", "last_seen_edition"]
    list_filter = [ReviewFlagFilter, "published", "dataset", "state", "coordinate_precision"]
    search_fields = ["name", "program_name", "city", "zip_code", "public_id"]
    readonly_fields = [
        "public_id", "identity_key", "content_hash", "first_seen_edition", "last_seen_edition", "edition",
        "dataset", *SERVICE_COLUMNS, "provenance", "review_flags",
    ]  # fmt: skip

    actions = ["accept_newer_source", "keep_corrections"]

    @admin.action(description="Flagged facts: publish what the newer source says")
    def accept_newer_source(self, request: HttpRequest, queryset: QuerySet[Facility]) -> None:
        for facility in queryset.exclude(review_flags__isnull=True):
            accept_flagged_facts(facility)
            facility.save()

    @admin.action(description="Flagged facts: keep the corrections and clear the flags")
    def keep_corrections(self, request: HttpRequest, queryset: QuerySet[Facility]) -> None:
        today = timezone.now().date()
        for facility in queryset.exclude(review_flags__isnull=True):
            flagged = set(facility.review_flags or {})
            stamp = correction_stamp(request.user.get_username(), facility.edition, today)
            facility.provenance = {**(facility.provenance or {}), **dict.fromkeys(flagged, stamp)}
            facility.review_flags = {}
            facility.save(update_fields=["provenance", "review_flags"])

    def save_model(self, request: HttpRequest, obj: Facility, form: Any, change: bool) -> None:
        """A staff edit is a reviewed correction: it survives re-imports of its edition (directory.provenance)."""
        corrected = facts_of_columns(set(form.changed_data))
        if corrected:
            stamp_correction(
                obj, corrected, correction_stamp(request.user.get_username(), obj.edition, timezone.now().date())
            )
        super().save_model(request, obj, form, change)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category", "bit"]
    list_filter = ["category"]
    search_fields = ["code", "name"]


admin.site.register(ServiceCategory)
