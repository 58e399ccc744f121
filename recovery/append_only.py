"""Tables whose rows are written once and never changed (audit events, disclosures, ledger entries).

On PostgreSQL a trigger refuses UPDATE and DELETE for everyone, not only through the ORM: the application
connects as the tables' owner, and owners keep their grants, so revoking grants would not hold. SQLite serves
development only and relies on the services. TRUNCATE is left alone: it needs ownership, and the test runner
empties tables with it.
"""

from django.db import migrations


def refuse_update_and_delete(*, table: str, message: str) -> migrations.RunPython:
    """A migration operation that puts the guard on `table` (and takes it off when migrating back).

    `message` is what the refusal says; `%` in it is replaced by the refused operation (UPDATE or DELETE).
    """
    function, trigger = f"{table}_refuses_change", f"{table}_append_only"
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message}', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    drop = f"DROP TRIGGER IF EXISTS {trigger} ON {table}; DROP FUNCTION IF EXISTS {function}();"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop, params=None)

    return migrations.RunPython(forwards, backwards)
