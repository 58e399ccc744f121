"""On PostgreSQL the audit table refuses TRUNCATE too, which its row trigger never sees (issue 15, item 8; see
recovery/append_only.py)."""

from django.db import migrations

from recovery.append_only import refuse_truncate


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_event_names_its_resident")]

    operations = [refuse_truncate(table="audit_auditevent", message="audit events are append-only: % is not allowed")]
