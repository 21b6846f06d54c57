from django.db import migrations


def load_zip_places(apps, schema_editor):
    # Reference data for geocoding and search, from the offline zipcodes package.
    from directory.geocoding import place_rows

    Place = apps.get_model("directory", "Place")
    Place.objects.bulk_create([Place(**row) for row in place_rows()], batch_size=2000)


def forget_zip_places(apps, schema_editor):
    apps.get_model("directory", "Place").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load_zip_places, forget_zip_places)]
