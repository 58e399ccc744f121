"""Tables whose rows are written once and never changed (audit events, disclosures, ledger entries).

On PostgreSQL a trigger refuses UPDATE and DELETE for everyone, not only through the ORM: the application
connects as the tables' owner, and owners keep their grants, so revoking grants would not hold. A second,
statement-level trigger refuses TRUNCATE, which row triggers never see (issue 15, item 8). SQLite serves
development only and relies on the services.

The one escape is the custom setting `hearth.allow_truncate`: TRUNCATE passes only in a transaction that has run
`SET LOCAL hearth.allow_truncate = 'on'`. Nothing in Hearth sets it except the test runner's flush between
transactional tests (tests/conftest.py, through `allow_truncate_in_flush`); production never does. An operator who
truly means to empty an append-only table sets it by hand in a psql session and answers for it. A restore
(`pg_restore --clean`) drops and recreates the tables, which is not TRUNCATE, so it needs no escape.
"""

from django.db import migrations

TRUNCATE_ESCAPE = "hearth.allow_truncate"


def refuse_update_and_delete(*, table: str, message: str) -> migrations.RunPython:
    """A migration operation that puts the guard on `table` (and takes it off when migrating back).

    `message` is what the refusal says; `%` in it is replaced by the refused operation (UPDATE or DELETE).
    A new append-only table takes `refuse_truncate` too.
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
    return _postgresql_only(create, drop)


def refuse_truncate(*, table: str, message: str) -> migrations.RunPython:
    """A migration operation that refuses TRUNCATE on `table` once per statement (and takes the guard off when
    migrating back), unless the transaction has set `hearth.allow_truncate` to 'on' (see the module's docstring).

    `message` is what the refusal says; `%` in it is replaced by TRUNCATE. The refusal is SQLSTATE 42501
    (insufficient_privilege), like the row guard's.
    """
    function, trigger = f"{table}_refuses_truncate", f"{table}_no_truncate"
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF current_setting('{TRUNCATE_ESCAPE}', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '{message}', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {trigger} BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {function}();
"""
    drop = f"DROP TRIGGER IF EXISTS {trigger} ON {table}; DROP FUNCTION IF EXISTS {function}();"
    return _postgresql_only(create, drop)


def _postgresql_only(create: str, drop: str) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop, params=None)

    return migrations.RunPython(forwards, backwards)


def allow_truncate_in_flush(operations_class) -> None:
    """Let Django's `flush` (which empties every table with one TRUNCATE) pass the guards, and nothing else.

    `operations_class` is PostgreSQL's DatabaseOperations. Its `sql_flush` list is run by `execute_sql_flush` inside
    one transaction, so a `SET LOCAL` put first lasts exactly as long as that flush. Only the test runner calls
    this (tests/conftest.py), for the flushes between transactional tests; a production `manage.py flush` is refused.
    """
    original = operations_class.sql_flush
    if getattr(original, "allows_truncate", False):
        return

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"SET LOCAL {TRUNCATE_ESCAPE} = 'on'", *statements] if statements else statements

    sql_flush.allows_truncate = True
    operations_class.sql_flush = sql_flush
