# Two more service mask words (384 codes in all) and the provenance of each published fact.

from django.db import migrations, models

from directory.search.triggers import install_revision_triggers


def add_mask_word(name):
    # A plain ADD COLUMN on both databases: Django would rebuild the whole
    # SQLite table for a column with a default, copying every facility.
    return migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.RunSQL(
                f"ALTER TABLE directory_facility ADD COLUMN {name} bigint NOT NULL DEFAULT 0",
                f"ALTER TABLE directory_facility DROP COLUMN {name}",
            )
        ],
        state_operations=[
            migrations.AddField(model_name="facility", name=name, field=models.BigIntegerField(default=0)),
        ],
    )


def reinstall_triggers(apps, schema_editor):
    install_revision_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_search_revision"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="facility", name="facility_search"),
        migrations.AddField(
            model_name="facility",
            name="provenance",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="facility",
            name="review_flags",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        add_mask_word("services_4"),
        add_mask_word("services_5"),
        migrations.AddIndex(
            model_name="facility",
            index=models.Index(
                fields=[
                    "published",
                    "longitude_band",
                    "latitude",
                    "longitude",
                    "services_0",
                    "services_1",
                    "services_2",
                    "services_3",
                    "services_4",
                    "services_5",
                ],
                include=("id",),
                name="facility_search",
            ),
        ),
        # Every write to a facility or to the legend renews the revision (directory.revision), not only
        # writes to the search columns: cached pages and the legend depend on the rest too.
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop),
    ]
