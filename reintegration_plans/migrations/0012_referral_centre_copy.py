"""Each referral carries its person's centre (casework/centre_copies.py), like the follow-ups and projects."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_centres(apps, schema_editor):
    Referral = apps.get_model("reintegration_plans", "Referral")
    Beneficiary = apps.get_model("beneficiaries", "Beneficiary")
    Referral.objects.update(
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
        ("reintegration_plans", "0011_follow_up_centre_index"),
    ]

    operations = [
        migrations.AddField(model_name="referral", name="centre", field=centre_field(null=True)),
        migrations.RunPython(copy_centres, migrations.RunPython.noop),
        migrations.AlterField(model_name="referral", name="centre", field=centre_field()),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["centre", "-sent_on", "-created_at", "id"], name="plans_referral_centre_list"),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["centre", "status"], name="plans_referral_centre_status"),
        ),
    ]
