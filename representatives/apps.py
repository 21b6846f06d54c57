from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RepresentativesConfig(AppConfig):
    name = "representatives"
    verbose_name = _("Program representatives")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from representatives.roles import ensure_listing_roles

        # Listed after intake, so this runs after intake has set its roles' permissions afresh.
        post_migrate.connect(ensure_listing_roles, sender=self, dispatch_uid="representatives_listing_roles")
