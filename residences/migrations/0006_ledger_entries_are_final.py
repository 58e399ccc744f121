"""On PostgreSQL a posted ledger entry refuses UPDATE and DELETE for everyone, not only through the services,
which never change an entry (corrections are new entries). See recovery/append_only.py."""

from django.db import migrations

from recovery.append_only import refuse_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("residences", "0005_ledger")]

    operations = [
        refuse_update_and_delete(
            table="residences_ledgerentry",
            message="posted ledger entries are final: % is not allowed; post a correction instead",
        )
    ]
