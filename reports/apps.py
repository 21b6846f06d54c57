from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Problem reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intake.roles import ensure_staff_roles

        # This app comes after intake, so its permissions do not exist yet when intake's
        # post_migrate makes the roles: make them again once they do.
        post_migrate.connect(ensure_staff_roles, sender=self, dispatch_uid="reports_staff_roles")
