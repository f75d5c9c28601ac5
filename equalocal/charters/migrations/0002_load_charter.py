from django.db import migrations


def load(apps, schema_editor):
    from equalocal.charters.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("charters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
