from django.db import migrations

# The ZIP table used to be filled here; 0006 fills it, with a kind per code and
# no placeholder centres, from directory.zip_places.


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
