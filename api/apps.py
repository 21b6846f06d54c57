from django.apps import AppConfig
from django.db.models.signals import post_save


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Public API and open data"

    def ready(self) -> None:
        from api.hsds.datapackage_view import build_after_import
        from imports.models import ImportRun

        # The HSDS datapackage follows every import without the importer knowing of it.
        post_save.connect(build_after_import, sender=ImportRun, dispatch_uid="hsds-datapackage-after-import")
