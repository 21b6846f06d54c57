from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from directory.models import Facility
from directory.selectors import directory_overview, facility_services


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/home.html", {"overview": directory_overview()})


def facility_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = get_object_or_404(Facility, public_id=public_id)
    if not facility.published:
        # Old links get a plain explanation and a way back to the search.
        return render(request, "directory/facility_gone.html", {"facility": facility}, status=410)
    return render(
        request,
        "directory/facility.html",
        {"facility": facility, "service_groups": facility_services(facility), "contact_email": settings.CONTACT_EMAIL},
    )


def credits(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/credits.html")
