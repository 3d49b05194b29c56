from django.db import migrations


def load(apps, schema_editor):
    from grants.reference_data import SECTORS

    Sector = apps.get_model("grants", "Sector")
    for position, (code, ar, fr, en) in enumerate(SECTORS):
        Sector.objects.update_or_create(
            code=code, defaults={"name_ar": ar, "name_fr": fr, "name_en": en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
