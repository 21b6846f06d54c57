"""Every change of a staff account's role, password, standing or sign-in device is audited, however it is made.

Signal handlers, so that the accounts page, the Django admin (superusers), the
shell and the commands are all covered without each remembering to write.
"""

from typing import Any

from django.contrib.auth.models import Group, User
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.audit import audit_by_current_actor
from intake.choices import AuditAction

_ACCOUNT_FLAGS = {"is_superuser": AuditAction.ROLE, "is_staff": AuditAction.ROLE, "is_active": AuditAction.ACCOUNT}


def _account(username: str, what: str) -> str:
    return f"account {username}: {what}"


def user_before_save(sender: type[User], instance: User, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in, not a change
    previous = User.objects.filter(pk=instance.pk).first() if instance.pk else None
    if previous is None:
        return
    if previous.password != instance.password:
        audit_by_current_actor(
            action=AuditAction.PASSWORD_CHANGED, detail=_account(instance.username, "password changed")
        )
    for flag, action in _ACCOUNT_FLAGS.items():
        before, after = getattr(previous, flag), getattr(instance, flag)
        if before != after:
            audit_by_current_actor(action=action, detail=_account(instance.username, f"{flag} {before} -> {after}"))


def user_after_save(sender: type[User], instance: User, created: bool, **kwargs: Any) -> None:
    if created:
        flags = ", ".join(flag for flag in _ACCOUNT_FLAGS if getattr(instance, flag))
        audit_by_current_actor(action=AuditAction.ACCOUNT, detail=_account(instance.username, f"created ({flags})"))


def groups_changed(sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if reverse:  # group.user_set.add(...): the instance is the group
        users = User.objects.filter(pk__in=pk_set or []) if action != "pre_clear" else instance.user_set.all()
        names = [instance.name]
    else:
        users = [instance]
        names = list(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)) if pk_set else ["all"]
    sign = {"post_add": "+", "post_remove": "-", "pre_clear": "-"}[action]
    for user in users:
        detail = _account(user.username, "roles " + " ".join(sign + name for name in names))
        audit_by_current_actor(action=AuditAction.ROLE, detail=detail)


def permissions_changed(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "pre_clear"} and isinstance(instance, User):
        audit_by_current_actor(action=AuditAction.ROLE, detail=_account(instance.username, f"permissions {action}"))


def device_before_save(sender: type[TOTPDevice], instance: TOTPDevice, **kwargs: Any) -> None:
    previous = TOTPDevice.objects.filter(pk=instance.pk).first() if instance.pk else None
    if previous is None:
        what = f"device {instance.name!r} added"
    elif previous.key != instance.key or previous.user_id != instance.user_id:
        what = f"device {instance.name!r} replaced"
    elif previous.confirmed != instance.confirmed:
        what = f"device {instance.name!r} confirmed {previous.confirmed} -> {instance.confirmed}"
    else:
        return  # a sign-in moved its counters
    audit_by_current_actor(action=AuditAction.DEVICE, detail=_account(instance.user.username, what))


def device_after_delete(sender: type[TOTPDevice], instance: TOTPDevice, **kwargs: Any) -> None:
    username = User.objects.filter(pk=instance.user_id).values_list("username", flat=True).first() or "?"
    audit_by_current_actor(action=AuditAction.DEVICE, detail=_account(username, f"device {instance.name!r} removed"))


def connect_account_audit() -> None:
    pre_save.connect(user_before_save, sender=User, dispatch_uid="audit_user_before_save")
    post_save.connect(user_after_save, sender=User, dispatch_uid="audit_user_after_save")
    m2m_changed.connect(groups_changed, sender=User.groups.through, dispatch_uid="audit_user_groups")
    m2m_changed.connect(permissions_changed, sender=User.user_permissions.through, dispatch_uid="audit_user_perms")
    pre_save.connect(device_before_save, sender=TOTPDevice, dispatch_uid="audit_device_before_save")
    post_delete.connect(device_after_delete, sender=TOTPDevice, dispatch_uid="audit_device_after_delete")
