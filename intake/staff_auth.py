"""Staff sign-in with a password and a TOTP code, and the guard on every back-office view.

django-axes counts failed passwords through `authenticate`; a wrong code is
reported to it through the same `user_login_failed` signal, so both lead to
the same lockout.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from intake.forms import StaffLoginForm

View = Callable[..., HttpResponse]


def staff_required(permission: str) -> Callable[[View], View]:
    """Signed in with both factors, a staff account, and `permission`; every response uncacheable.

    The one guard of every page under /staff/ (the tests walk the URL list and
    refuse any staff page without it).
    """

    def decorate(view: View) -> View:
        @wraps(view)
        @never_cache
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            # is_verified() is added to the user by django-otp's middleware.
            verified = user.is_authenticated and user.is_verified()  # type: ignore[union-attr,attr-defined]
            if not (verified and user.is_active and user.is_staff):
                return redirect(reverse("intake_staff:login") + "?next=" + request.path)
            if not user.has_perm(permission):
                # A response, not PermissionDenied, so that never_cache marks it too.
                return render(request, "intake/staff/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        guarded.staff_permission = permission  # type: ignore[attr-defined]
        return guarded

    return decorate


@never_cache
def staff_login(request: HttpRequest) -> HttpResponse:
    form = StaffLoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        device = match_token(user, form.cleaned_data["otp_token"]) if user is not None and user.is_staff else None
        if user is not None and device is not None:
            login(request, user)
            otp_login(request, device)
            next_url = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                next_url = reverse("intake_staff:list")
            return redirect(next_url)
        if user is not None:
            # The password was right but the second factor was not: a failure all the same.
            user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
            if getattr(request, "axes_locked_out", False):
                return render(request, "intake/staff/locked_out.html", status=429)
        error = _("That user name, password and code do not match. Check them and try again.")
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/staff/login.html", {"form": form, "error": error}, status=status)


@require_POST
def staff_logout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("intake_staff:login")
