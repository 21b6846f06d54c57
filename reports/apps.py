from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Problem reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from reports.roles import ensure_report_roles

        # Listed after intake, so this runs after intake has set its roles' own permissions afresh.
        post_migrate.connect(ensure_report_roles, sender=self, dispatch_uid="reports_staff_roles")
