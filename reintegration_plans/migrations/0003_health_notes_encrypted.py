"""Health notes encrypted at rest (casework.encryption): the follow-up's note becomes a Fernet token, and a
correction keeps the note's texts before and after in two encrypted columns instead of its JSON changes.
Existing rows are converted in place (and back when migrating backwards)."""

import json

import casework.encryption
from django.db import migrations

FOLLOW_UPS = "reintegration_plans_followup"
CORRECTIONS = "reintegration_plans_followupcorrection"


# Bandit's B608 is silenced below because the SQL names only this module's constant tables and columns; every value is a parameter.
def _changes(value):
    return value if isinstance(value, dict) else json.loads(value or "{}")


# Bandit's B608 is silenced below because the SQL names only this module's constant tables and columns; every value is a parameter.
def forwards(apps, schema_editor):
    from casework.encryption import encrypt

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, health_note FROM {FOLLOW_UPS}")  # noqa: S608  # nosec B608
        for pk, note in cursor.fetchall():
            cursor.execute(
                f"UPDATE {FOLLOW_UPS} SET health_note = %s WHERE id = %s",  # noqa: S608  # nosec B608
                [encrypt(note) if note else None, pk],
            )
        cursor.execute(f"SELECT id, changes FROM {CORRECTIONS}")  # noqa: S608  # nosec B608
        for pk, raw in cursor.fetchall():
            changes = _changes(raw)
            if "health_note" not in changes:
                continue
            before, after = changes["health_note"] if isinstance(changes["health_note"], list) else ("", "")
            changes["health_note"] = "corrected"
            cursor.execute(
                f"UPDATE {CORRECTIONS} SET changes = %s, health_note_before = %s, health_note_after = %s "  # noqa: S608  # nosec B608
                "WHERE id = %s",
                [json.dumps(changes), encrypt(before) if before else None, encrypt(after) if after else None, pk],
            )


# Bandit's B608 is silenced below because the SQL names only this module's constant tables and columns; every value is a parameter.
def backwards(apps, schema_editor):
    from casework.encryption import decrypt

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, health_note FROM {FOLLOW_UPS}")  # noqa: S608  # nosec B608
        for pk, token in cursor.fetchall():
            cursor.execute(
                f"UPDATE {FOLLOW_UPS} SET health_note = %s WHERE id = %s",  # noqa: S608  # nosec B608
                [decrypt(token) if token else "", pk],
            )
        cursor.execute(f"SELECT id, changes, health_note_before, health_note_after FROM {CORRECTIONS}")  # noqa: S608  # nosec B608
        for pk, raw, before, after in cursor.fetchall():
            changes = _changes(raw)
            if "health_note" in changes:
                changes["health_note"] = [decrypt(before) if before else "", decrypt(after) if after else ""]
                cursor.execute(
                    f"UPDATE {CORRECTIONS} SET changes = %s WHERE id = %s",  # noqa: S608  # nosec B608
                    [json.dumps(changes), pk],
                )


class Migration(migrations.Migration):
    dependencies = [("reintegration_plans", "0002_reference_data")]

    operations = [
        migrations.AddField(
            model_name="followupcorrection",
            name="health_note_after",
            field=casework.encryption.EncryptedTextField(blank=True, null=True, verbose_name="health note after"),
        ),
        migrations.AddField(
            model_name="followupcorrection",
            name="health_note_before",
            field=casework.encryption.EncryptedTextField(blank=True, null=True, verbose_name="health note before"),
        ),
        migrations.AlterField(
            model_name="followup",
            name="health_note",
            field=casework.encryption.EncryptedTextField(blank=True, null=True, verbose_name="health note"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
