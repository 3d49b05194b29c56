"""Deliveries and monitoring visits carry their person's centre, taken from their grant
(casework/centre_copies.py): their lists and counts are scoped on their own indexes."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_centres(apps, schema_editor):
    Grant = apps.get_model("grants", "Grant")
    for name in ("Delivery", "MonitoringVisit"):
        apps.get_model("grants", name).objects.update(
            centre_id=Subquery(Grant.objects.filter(pk=OuterRef("grant_id")).values("centre_id")[:1])
        )


def centre_field(**extra):
    return models.ForeignKey(
        db_index=False,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="casework.centre",
        verbose_name="regional centre",
        **extra,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0008_grant_centre_copy"),
    ]

    operations = [
        migrations.AddField(model_name="delivery", name="centre", field=centre_field(null=True)),
        migrations.AddField(model_name="monitoringvisit", name="centre", field=centre_field(null=True)),
        migrations.RunPython(copy_centres, migrations.RunPython.noop),
        migrations.AlterField(model_name="delivery", name="centre", field=centre_field()),
        migrations.AlterField(model_name="monitoringvisit", name="centre", field=centre_field()),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(fields=["centre", "-delivered_on", "id"], name="grants_delivery_centre_list"),
        ),
        migrations.AddIndex(
            model_name="monitoringvisit",
            index=models.Index(fields=["centre", "due_on", "id"], name="grants_visit_centre_list"),
        ),
    ]
