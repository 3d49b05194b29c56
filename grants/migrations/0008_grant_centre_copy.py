"""Each grant carries its person's centre (casework/centre_copies.py), like follow-ups and life projects:
grants, their deliveries and their visits are then scoped on the grant's own indexes."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_centres(apps, schema_editor):
    Grant = apps.get_model("grants", "Grant")
    Beneficiary = apps.get_model("beneficiaries", "Beneficiary")
    Grant.objects.update(
        centre_id=Subquery(Beneficiary.objects.filter(pk=OuterRef("beneficiary_id")).values("centre_id")[:1])
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
        ("grants", "0007_list_order_indexes"),
    ]

    operations = [
        migrations.AddField(model_name="grant", name="centre", field=centre_field(null=True)),
        migrations.RunPython(copy_centres, migrations.RunPython.noop),
        migrations.AlterField(model_name="grant", name="centre", field=centre_field()),
        migrations.AddIndex(
            model_name="grant",
            index=models.Index(fields=["centre", "-created_at", "id"], name="grants_grant_centre_list"),
        ),
        migrations.AddIndex(
            model_name="grant",
            index=models.Index(fields=["centre", "status"], name="grants_grant_centre_status"),
        ),
    ]
