"""The append-only tables (audit events, disclosures, ledger entries) refuse TRUNCATE on PostgreSQL, which their
row triggers never see; only a transaction that sets `hearth.allow_truncate` deliberately passes (issue 15, item 8)."""

import pytest
from django.db import DatabaseError, connection, transaction

from recovery.append_only import TRUNCATE_ESCAPE

APPEND_ONLY_TABLES = ("audit_auditevent", "audit_exportdisclosure", "residents_disclosure", "residences_ledgerentry")


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only triggers are PostgreSQL's (SQLite serves development only); CI runs PostgreSQL")


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_truncate_is_refused_when_a_connection_empties_an_append_only_table(postgresql, table):
    refused = pytest.raises(DatabaseError, match="TRUNCATE is not allowed")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table} CASCADE")


def test_truncate_is_refused_when_it_names_an_append_only_table_among_others(postgresql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE recovery_formsubmission, audit_auditevent CASCADE")


def test_truncate_passes_only_when_the_transaction_sets_the_escape(postgresql):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL {TRUNCATE_ESCAPE} = 'on'")
        cursor.execute("TRUNCATE audit_auditevent")
        transaction.set_rollback(True)  # the test's data stays; what matters is that the statement passed
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")  # SET LOCAL ended with its transaction


def test_every_table_with_the_row_guard_also_has_the_truncate_guard(postgresql):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
            "WHERE tgname LIKE '%%_append_only' OR tgname LIKE '%%_no_truncate'"
        )
        triggers = cursor.fetchall()
    row_guarded = {table for table, name in triggers if name.endswith("_append_only")}
    truncate_guarded = {table for table, name in triggers if name.endswith("_no_truncate")}
    assert row_guarded == set(APPEND_ONLY_TABLES)
    assert truncate_guarded == row_guarded


@pytest.mark.django_db(transaction=True)
def test_the_test_runners_flush_passes_the_guard_when_it_empties_the_database():
    if connection.vendor != "postgresql":
        pytest.skip("the append-only triggers are PostgreSQL's (SQLite serves development only); CI runs PostgreSQL")
    from django.core.management import call_command

    from tests.recovery.builders import OrganizationFactory, make_member

    make_member(OrganizationFactory())  # writes audit events
    call_command("flush", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_auditevent")
        assert cursor.fetchone() == (0,)
