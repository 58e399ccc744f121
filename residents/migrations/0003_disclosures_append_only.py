"""On PostgreSQL the disclosure log refuses UPDATE and DELETE for everyone (see recovery/append_only.py)."""

from django.db import migrations

from recovery.append_only import refuse_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("residents", "0002_consents")]

    operations = [
        refuse_update_and_delete(table="residents_disclosure", message="disclosures are append-only: % is not allowed")
    ]
