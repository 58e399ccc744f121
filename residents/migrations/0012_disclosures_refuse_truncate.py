"""On PostgreSQL the disclosure log refuses TRUNCATE too, which its row trigger never sees (issue 15, item 8; see
recovery/append_only.py)."""

from django.db import migrations

from recovery.append_only import refuse_truncate


class Migration(migrations.Migration):
    dependencies = [("residents", "0011_kept_records_outlive_their_parents")]

    operations = [refuse_truncate(table="residents_disclosure", message="disclosures are append-only: % is not allowed")]
