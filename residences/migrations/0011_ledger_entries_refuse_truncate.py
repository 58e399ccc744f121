"""On PostgreSQL the ledger refuses TRUNCATE too, which its row trigger never sees (issue 15, item 8; see
recovery/append_only.py)."""

from django.db import migrations

from recovery.append_only import refuse_truncate


class Migration(migrations.Migration):
    dependencies = [("residences", "0010_kept_records_outlive_their_parents")]

    operations = [
        refuse_truncate(
            table="residences_ledgerentry",
            message="posted ledger entries are final: % is not allowed; post a correction instead",
        )
    ]
