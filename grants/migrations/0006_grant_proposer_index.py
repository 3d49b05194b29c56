from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("grants", "0005_grant_vocational_goal")]

    operations = [
        migrations.AddIndex(
            model_name="grant",
            index=models.Index(fields=["proposed_by", "-created_at"], name="grants_grant_proposer"),
        ),
    ]
