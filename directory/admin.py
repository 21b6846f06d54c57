from django.contrib import admin

from directory.models import Facility, Service, ServiceCategory


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["public_id", "name", "program_name", "city", "state", "published", "last_seen_edition"]
    list_filter = ["published", "dataset", "state", "coordinate_precision"]
    search_fields = ["name", "program_name", "city", "zip_code", "public_id"]
    readonly_fields = ["public_id", "identity_key", "content_hash", "first_seen_edition", "last_seen_edition"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category", "bit"]
    list_filter = ["category"]
    search_fields = ["code", "name"]


admin.site.register(ServiceCategory)
