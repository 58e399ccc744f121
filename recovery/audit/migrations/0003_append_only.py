"""On PostgreSQL the audit table refuses UPDATE and DELETE for everyone (see recovery/append_only.py)."""

from django.db import migrations

from recovery.append_only import refuse_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [
        refuse_update_and_delete(table="audit_auditevent", message="audit events are append-only: % is not allowed")
    ]
