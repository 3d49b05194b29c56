"""The audit table refuses UPDATE and DELETE on PostgreSQL: append-only in the database itself."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION casework_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'casework_auditentry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS casework_auditentry_append_only ON casework_auditentry;
CREATE TRIGGER casework_auditentry_append_only
    BEFORE UPDATE OR DELETE ON casework_auditentry
    FOR EACH ROW EXECUTE FUNCTION casework_auditentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS casework_auditentry_append_only ON casework_auditentry;
DROP FUNCTION IF EXISTS casework_auditentry_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
