from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from imports.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "started_at",
        "dataset",
        "edition",
        "status",
        "rows_read",
        "added",
        "updated",
        "renamed_or_moved",
        "removed",
        "rejected",
    ]
    list_filter = ["status", "dataset"]
    readonly_fields = [field.name for field in ImportRun._meta.fields] + ["rejected_download"]
    exclude = ["rejected_rows"]

    @admin.display(description="rejected rows")
    def rejected_download(self, run: ImportRun) -> str:
        if not run.rejected:
            return "none"
        url = reverse("imports:rejected_csv", args=[run.pk])
        return format_html('<a href="{}">Download {} rejected rows (CSV)</a>', url, run.rejected)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
