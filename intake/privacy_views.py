"""The privacy notice, and the page where a person withdraws their coverage request."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from intake.audit import client_ip
from intake.withdrawal import WithdrawForm, coverage_request_withdraw, withdrawal_allowed


def privacy_notice(request: HttpRequest) -> HttpResponse:
    context = {
        "retention_days": settings.COVERAGE_RETENTION_DAYS,
        "contact_email": settings.CONTACT_EMAIL,
        "map_tile_host": settings.MAP_TILE_ORIGIN.split("://")[-1] if settings.MAP_TILE_URL else "",
    }
    return render(request, "intake/privacy.html", context)


@never_cache
def coverage_request_withdraw_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = WithdrawForm(initial={"reference": request.GET.get("ref", "")[:20]})
        return render(request, "intake/withdraw.html", {"form": form})
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return render(request, "intake/withdraw.html", {"form": form}, status=400)
    ip_address = client_ip(request)
    if not withdrawal_allowed(ip_address or ""):
        return render(request, "intake/rate_limited.html", status=429)
    erased = coverage_request_withdraw(
        reference=form.cleaned_data["reference"], contact=form.cleaned_data["contact"], ip_address=ip_address
    )
    if not erased:
        return render(request, "intake/withdraw.html", {"form": form, "not_found": True}, status=404)
    return render(request, "intake/withdrawn.html")
