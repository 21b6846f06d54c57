# A program's own facts are searched (directory.search.program_index): every write to them renews
# the directory's revision, as a write to a facility does, so searches and cached pages see it at once.

from django.db import migrations

from directory.search.triggers import install_revision_triggers


def install_triggers(apps, schema_editor):
    install_revision_triggers(schema_editor)


def drop_triggers(apps, schema_editor):
    from directory.search.triggers import expected_triggers

    postgres = schema_editor.connection.vendor == "postgresql"
    for name in expected_triggers(schema_editor.connection.vendor, ("programs_programfacts",)):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON programs_programfacts" if postgres else ""))


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install_triggers, drop_triggers),
    ]
