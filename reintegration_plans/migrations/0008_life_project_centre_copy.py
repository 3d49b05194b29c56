"""Each life project carries its person's centre (casework/centre_copies.py), like the follow-ups."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_centres(apps, schema_editor):
    LifeProject = apps.get_model("reintegration_plans", "LifeProject")
    Beneficiary = apps.get_model("beneficiaries", "Beneficiary")
    LifeProject.objects.update(
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
        ("reintegration_plans", "0007_follow_up_centre_copy"),
    ]

    operations = [
        migrations.AddField(model_name="lifeproject", name="centre", field=centre_field(null=True)),
        migrations.RunPython(copy_centres, migrations.RunPython.noop),
        migrations.AlterField(model_name="lifeproject", name="centre", field=centre_field()),
        migrations.AddIndex(
            model_name="lifeproject",
            index=models.Index(fields=["centre", "status", "-updated_at"], name="plans_project_centre_status"),
        ),
        migrations.AddIndex(
            model_name="lifeproject",
            index=models.Index(fields=["centre", "-updated_at", "id"], name="plans_project_centre_updated"),
        ),
    ]
