"""The back office's staff accounts page: admins manage reviewers, superusers manage admins."""

import segno
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.account_forms import NewStaffAccountForm, StaffAccountForm
from intake.accounts import staff_account_create, staff_account_reset_sign_in, staff_account_update
from intake.roles import MANAGE_STAFF_PERMISSION, may_manage, role_of
from intake.staff_auth import staff_required
from intake.staff_views import signed_in_staff


def _manageable_or_404(editor: User, pk: int) -> User:
    account = User.objects.filter(pk=pk, is_staff=True).first()
    if account is None or not may_manage(editor, account):
        raise Http404
    return account


@staff_required(MANAGE_STAFF_PERMISSION)
def account_list(request: HttpRequest) -> HttpResponse:
    editor = signed_in_staff(request)
    accounts = User.objects.filter(is_staff=True).prefetch_related("groups").order_by("username")
    rows = [(account, role_of(account), may_manage(editor, account)) for account in accounts]
    return render(request, "intake/staff/account_list.html", {"rows": rows})


@staff_required(MANAGE_STAFF_PERMISSION)
def account_new(request: HttpRequest) -> HttpResponse:
    editor = signed_in_staff(request)
    form = NewStaffAccountForm(request.POST or None, editor=editor)
    if request.method == "POST" and form.is_valid():
        account = staff_account_create(editor=editor, **form.cleaned_data)
        messages.success(request, _("Account created. Set up its sign-in next."))
        return redirect("intake_staff:account", pk=account.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/staff/account_form.html", {"form": form, "account": None}, status=status)


@staff_required(MANAGE_STAFF_PERMISSION)
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    editor = signed_in_staff(request)
    account = _manageable_or_404(editor, pk)
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "role": role_of(account),
        "is_active": account.is_active,
    }
    form = StaffAccountForm(request.POST or None, editor=editor, initial=initial)
    if request.method == "POST" and form.is_valid():
        staff_account_update(editor=editor, account=account, **form.cleaned_data)
        messages.success(request, _("Account saved."))
        return redirect("intake_staff:accounts")
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/staff/account_form.html", {"form": form, "account": account}, status=status)


@require_POST
@staff_required(MANAGE_STAFF_PERMISSION)
def account_reset_sign_in(request: HttpRequest, pk: int) -> HttpResponse:
    editor = signed_in_staff(request)
    account = _manageable_or_404(editor, pk)
    setup = staff_account_reset_sign_in(editor=editor, account=account)
    context = {
        "account": account,
        "password": setup.password,
        "qr_svg": segno.make(setup.device.config_url, error="m").svg_inline(scale=4),
        "config_url": setup.device.config_url,
    }
    return render(request, "intake/staff/account_sign_in.html", context)
