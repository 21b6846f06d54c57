from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Coverage requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intake.account_audit import connect_account_audit
        from intake.fields import encrypt_totp_seeds_in_place
        from intake.roles import ensure_staff_roles

        encrypt_totp_seeds_in_place()
        connect_account_audit()

        # Runs after every app's permissions exist (intake is listed after auth and otp_totp).
        post_migrate.connect(ensure_staff_roles, sender=self, dispatch_uid="intake_staff_roles")
