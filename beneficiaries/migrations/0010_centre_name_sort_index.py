"""A centre's people in name order, read off one index (the people list and the API filtered by centre)."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0009_list_sort_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="beneficiary",
            index=models.Index(
                fields=["centre", "family_name_latin", "first_name_latin", "id"],
                condition=Q(merged_into__isnull=True),
                name="benef_centre_latin_sort",
            ),
        ),
    ]
