"""Each follow-up carries its person's centre (casework/centre_copies.py): the access policy scopes the
follow-ups on their own indexes instead of joining through the people."""

import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_centres(apps, schema_editor):
    FollowUp = apps.get_model("reintegration_plans", "FollowUp")
    Beneficiary = apps.get_model("beneficiaries", "Beneficiary")
    FollowUp.objects.update(
        centre_id=Subquery(Beneficiary.objects.filter(pk=OuterRef("beneficiary_id")).values("centre_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0009_list_sort_indexes"),
        ("casework", "0003_reference_places"),
        ("reintegration_plans", "0006_list_order_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="centre",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="casework.centre",
                verbose_name="regional centre",
            ),
        ),
        migrations.RunPython(copy_centres, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="followup",
            name="centre",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="casework.centre",
                verbose_name="regional centre",
            ),
        ),
        migrations.RemoveIndex(model_name="followup", name="plans_followup_planned"),
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                condition=models.Q(("status", "planned")),
                fields=["centre", "due_on", "id"],
                include=("assigned_to",),
                name="plans_followup_centre_planned",
            ),
        ),
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                models.F("centre"),
                django.db.models.functions.comparison.Coalesce("occurred_on", "due_on").desc(),
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="plans_followup_centre_day",
            ),
        ),
    ]
