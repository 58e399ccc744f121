"""On PostgreSQL a posted ledger entry refuses UPDATE and DELETE for everyone, not only through the services.

The services never change an entry (corrections are new entries); this trigger stands behind them, as the audit
log's does. SQLite (development only) relies on the services. TRUNCATE is left alone: the test runner empties
tables with it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION ledger_entry_is_final() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'posted ledger entries are final: % is not allowed; post a correction instead', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_final
    BEFORE UPDATE OR DELETE ON residences_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_final();
"""

DROP = """
DROP TRIGGER IF EXISTS ledger_entry_final ON residences_ledgerentry;
DROP FUNCTION IF EXISTS ledger_entry_is_final();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("residences", "0005_ledger")]

    operations = [migrations.RunPython(create, drop)]
