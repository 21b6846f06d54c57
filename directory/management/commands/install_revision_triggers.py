"""manage.py install_revision_triggers: put back the triggers a SQLite table rebuild dropped."""

from django.core.management.base import BaseCommand
from django.db import connection

from directory.search.triggers import install_revision_triggers, missing_revision_triggers


class Command(BaseCommand):
    help = "Install the directory revision triggers on the facility and service tables again (safe to repeat)."
    requires_system_checks: list[str] = []  # the check this command answers would stop it

    def handle(self, *args: object, **options: object) -> None:
        with connection.schema_editor() as editor:
            install_revision_triggers(editor)
        left = missing_revision_triggers()
        if left:
            self.stderr.write(f"Still missing: {', '.join(left)}")
        else:
            self.stdout.write("Directory revision triggers installed.")
