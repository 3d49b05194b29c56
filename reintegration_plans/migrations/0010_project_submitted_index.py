"""Plans awaiting approval in the order the supervisor reads them, off one partial index."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("reintegration_plans", "0009_follow_up_done_day_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="lifeproject",
            index=models.Index(
                condition=Q(status="submitted"), fields=["submitted_at", "id"], name="plans_project_submitted"
            ),
        ),
    ]
