"""The shortlist page (compare, share, print) and the button that adds or removes a program."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from directory.phones import parse_phone
from directory.shortlist import MAX_PROGRAMS, changed, comparison, parse_ids, save_ids, saved_ids


def shortlist(request: HttpRequest) -> HttpResponse:
    """The visitor's own list, or the one a shared link carries (`?ids=a,b,c`)."""
    shared = "ids" in request.GET
    ids = parse_ids(request.GET.get("ids", "")) if shared else saved_ids(request)
    compared = comparison(ids)
    public_ids = [facility.public_id for facility in compared.facilities]
    share_path = reverse("directory:shortlist") + "?" + urlencode({"ids": ",".join(public_ids)})
    context = {
        "comparison": compared,
        "with_phones": [(facility, parse_phone(facility.phone)) for facility in compared.facilities],
        "shared": shared and public_ids != saved_ids(request),
        "share_url": request.build_absolute_uri(share_path),
        "public_ids": ",".join(public_ids),
        "max_programs": MAX_PROGRAMS,
    }
    response = render(request, "directory/shortlist.html", context)
    # A shared list names programs someone is considering: keep it out of shared caches and search engines.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# The buttons sit on result pages whose search part is cached for everyone, so
# they cannot carry a per-visitor CSRF token. All this view can change is the
# visitor's own cookie of public program IDs: a forged request could at most
# add a public listing to it.
@csrf_exempt
@require_POST
def shortlist_change(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    if action == "keep":
        ids = parse_ids(request.POST.get("ids", ""))
    elif action in {"add", "remove"} and (found := parse_ids(request.POST.get("id", ""))):
        ids = changed(saved_ids(request), action, found[0])
    else:
        return HttpResponseBadRequest("Unknown shortlist change.")
    target = request.POST.get("next", "")
    if action == "keep" or not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("directory:shortlist")
    response = redirect(target)
    save_ids(response, ids)
    return response
