"""Load the guide's shipped articles into a new database; staff edit them from then on."""

from django.db import migrations


def load(apps, schema_editor):
    from content.seed import load_seed_articles

    load_seed_articles(apps.get_model("content", "Article"), apps.get_model("content", "ArticleRevision"))


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
