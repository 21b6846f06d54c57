import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from imports.models import ImportRun
from intake.staff_auth import staff_required


@staff_required("imports.view_importrun")
def rejected_rows_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=run_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-rejected.csv"'
    writer = csv.writer(response)
    writer.writerow(["row", "reason"])
    for rejection in run.rejected_rows:
        writer.writerow([rejection["row"], rejection["reason"]])
    return response
