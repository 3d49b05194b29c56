from django.db import migrations


def load(apps, schema_editor):
    from casework.reference_data import CENTRES, ESTABLISHMENTS, REGIONS, centre_names

    Region = apps.get_model("casework", "Region")
    Centre = apps.get_model("casework", "Centre")
    PrisonEstablishment = apps.get_model("casework", "PrisonEstablishment")
    Group = apps.get_model("auth", "Group")

    regions = {}
    for code, ar, fr, en in REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code, defaults={"name_ar": ar, "name_fr": fr, "name_en": en}
        )
    for code, region_code, city in CENTRES:
        name_ar, name_fr, name_en = centre_names(city)
        group, _ = Group.objects.get_or_create(name=f"Centre {code}")
        Centre.objects.update_or_create(
            code=code,
            defaults={
                "region": regions[region_code],
                "name_ar": name_ar,
                "name_fr": name_fr,
                "name_en": name_en,
                "city_ar": city[0],
                "city_fr": city[1],
                "city_en": city[2],
                "staff_group": group,
            },
        )
    for code, region_code, ar, fr, en in ESTABLISHMENTS:
        PrisonEstablishment.objects.update_or_create(
            code=code, defaults={"region": regions[region_code], "name_ar": ar, "name_fr": fr, "name_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0002_audit_append_only"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
