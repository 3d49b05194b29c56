"""A centre's follow-ups counted on the narrowest index (the API list's exact count)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reintegration_plans", "0010_project_submitted_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(fields=["centre"], name="plans_followup_centre"),
        ),
    ]
