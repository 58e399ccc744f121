"""On PostgreSQL the disclosure log refuses UPDATE and DELETE for everyone, not only through the services.

It is the accounting of disclosures a resident may ask for (42 CFR § 2.24), so no row may change once written.
SQLite (development only) relies on the services. TRUNCATE is left alone: the test runner empties tables with it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION residents_disclosure_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'disclosures are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER residents_disclosure_append_only
    BEFORE UPDATE OR DELETE ON residents_disclosure
    FOR EACH ROW EXECUTE FUNCTION residents_disclosure_is_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS residents_disclosure_append_only ON residents_disclosure;
DROP FUNCTION IF EXISTS residents_disclosure_is_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("residents", "0002_consents")]

    operations = [migrations.RunPython(create, drop)]
