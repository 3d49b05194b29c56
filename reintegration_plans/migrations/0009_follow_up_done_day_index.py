"""Done follow-ups by date, covering what the programme indicators count them by (index-only reads)."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("reintegration_plans", "0008_life_project_centre_copy"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                condition=Q(status="done"),
                fields=["occurred_on"],
                include=["beneficiary", "domain", "centre"],
                name="plans_followup_done_day",
            ),
        ),
    ]
