"""PostgreSQL: pg_trgm GIN indexes on the normalised name columns (substring search at national scale).
SQLite (the embedded run) skips them and migrates all the same. Also loads the three programme modules."""

from django.db import migrations

TRIGRAM_INDEXES = [
    ("benef_search_ar_trgm", "search_name_ar"),
    ("benef_search_latin_trgm", "search_name_latin"),
]

def create_trigram(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON beneficiaries_beneficiary USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def load_modules(apps, schema_editor):
    from beneficiaries.reference_data import ensure_modules

    ensure_modules(apps.get_model("beneficiaries", "Module"))


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0002_person_cohorts_family_consent"),
    ]

    operations = [
        migrations.RunPython(create_trigram, drop_trigram),
        migrations.RunPython(load_modules, migrations.RunPython.noop),
    ]
