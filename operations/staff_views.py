"""The back office's page on the scheduled jobs: when each last ran, and which are overdue."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from intake.staff_auth import staff_required
from operations.job_runs import jobs_overview, recent_runs


@require_safe
@staff_required("operations.view_jobrun")
def job_runs(request: HttpRequest) -> HttpResponse:
    return render(request, "operations/staff/job_runs.html", {"jobs": jobs_overview(), "runs": recent_runs()})
