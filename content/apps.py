from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Guide")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from content.roles import ensure_guide_roles

        post_migrate.connect(ensure_guide_roles, sender=self, dispatch_uid="content_guide_roles")
