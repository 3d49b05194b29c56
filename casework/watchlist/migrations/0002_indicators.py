from django.db import migrations


def load(apps, schema_editor):
    from casework.watchlist.reference_data import ensure_indicators

    ensure_indicators(apps.get_model("watchlist", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("watchlist", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
