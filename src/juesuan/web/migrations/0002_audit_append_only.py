"""The audit log is append-only in the database itself, not only in the model: triggers refuse
UPDATE and DELETE on web_auditevent (SQLite and PostgreSQL)."""
from django.db import migrations

SQLITE = [
    "CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON web_auditevent BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON web_auditevent BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION web_auditevent_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER auditevent_append_only BEFORE UPDATE OR DELETE ON web_auditevent FOR EACH ROW EXECUTE FUNCTION web_auditevent_append_only()",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("web", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
