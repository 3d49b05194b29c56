"""Officials present become structured rows; committee scoring criteria (reference data) and scores.

The old free-text column is dropped in 0004, in its own transaction (PostgreSQL refuses to alter a table
with pending deferred-constraint checks from rows inserted in the same transaction)."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def officials_to_rows(apps, schema_editor):
    Event = apps.get_model("grants", "DistributionEvent")
    Official = apps.get_model("grants", "EventOfficial")
    rows = []
    for event in Event.objects.exclude(officials_text=""):
        lines = [line.strip() for line in event.officials_text.splitlines() if line.strip()]
        rows += [Official(event=event, position=i, title=line[:300]) for i, line in enumerate(lines)]
    Official.objects.bulk_create(rows)


def officials_to_text(apps, schema_editor):
    Event = apps.get_model("grants", "DistributionEvent")
    for event in Event.objects.all():
        titles = event.officials.order_by("position", "id").values_list("title", flat=True)
        event.officials_text = "\n".join(titles)
        event.save(update_fields=["officials_text"])


def load_criteria(apps, schema_editor):
    from grants.reference_data import CRITERIA

    Criterion = apps.get_model("grants", "ScoringCriterion")
    for position, (code, ar, fr, en, max_score) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            code=code,
            defaults={"name_ar": ar, "name_fr": fr, "name_en": en, "max_score": max_score, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0002_sectors"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Officials were free text, one per line; they become rows (title = the line, as written).
        migrations.RenameField(model_name="distributionevent", old_name="officials", new_name="officials_text"),
        migrations.CreateModel(
            name="ScoringCriterion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name_ar", models.CharField(max_length=200, verbose_name="name (Arabic)")),
                ("name_fr", models.CharField(max_length=200, verbose_name="name (French)")),
                ("name_en", models.CharField(max_length=200, verbose_name="name (English)")),
                ("code", models.SlugField(max_length=32, unique=True, verbose_name="code")),
                ("description", models.TextField(blank=True, verbose_name="what the committee looks at")),
                (
                    "max_score",
                    models.PositiveSmallIntegerField(
                        default=5,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(100),
                        ],
                        verbose_name="maximum score",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "scoring criterion",
                "verbose_name_plural": "scoring criteria",
                "ordering": ["position", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("max_score__gte", 1), ("max_score__lte", 100)),
                        name="grants_criterion_max_score",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="EventOfficial",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "title",
                    models.CharField(
                        help_text="e.g. Governor of the prefecture", max_length=300, verbose_name="title or function"
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                ("organisation", models.CharField(blank=True, max_length=250, verbose_name="organisation")),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="officials",
                        to="grants.distributionevent",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "verbose_name": "official present",
                "verbose_name_plural": "officials present",
                "ordering": ["position", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("title", ""), _negated=True), name="grants_official_has_title"
                    )
                ],
            },
        ),
        migrations.RunPython(officials_to_rows, officials_to_text),
        migrations.CreateModel(
            name="GrantScore",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("score", models.PositiveSmallIntegerField(verbose_name="score")),
                ("comment", models.CharField(blank=True, max_length=500, verbose_name="comment")),
                ("scored_at", models.DateTimeField(auto_now=True, verbose_name="scored")),
                (
                    "grant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scores",
                        to="grants.grant",
                        verbose_name="grant",
                    ),
                ),
                (
                    "scored_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="scored by",
                    ),
                ),
                (
                    "criterion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="scores",
                        to="grants.scoringcriterion",
                        verbose_name="criterion",
                    ),
                ),
            ],
            options={
                "verbose_name": "committee score",
                "verbose_name_plural": "committee scores",
                "ordering": ["criterion__position", "criterion__code"],
                "constraints": [
                    models.UniqueConstraint(fields=("grant", "criterion"), name="grants_score_once_per_criterion")
                ],
            },
        ),
        migrations.RunPython(load_criteria, migrations.RunPython.noop),
    ]
