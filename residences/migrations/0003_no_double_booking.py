"""No bed is ever double-booked: on PostgreSQL, an exclusion constraint over each bed assignment's date range.

`daterange(starts_on, ends_on, '[)')` treats a missing end as open-ended, so a current assignment blocks every
later one. btree_gist lets the constraint compare bed ids with `=` inside a GiST index; it is a trusted
extension, so the database owner may create it. SQLite (development only) relies on the admission
service's row lock and overlap check.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE residences_bedassignment
    ADD CONSTRAINT bed_never_double_booked
    EXCLUDE USING gist (bed_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&);
"""

DROP = "ALTER TABLE residences_bedassignment DROP CONSTRAINT IF EXISTS bed_never_double_booked;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("residences", "0002_initial")]

    operations = [migrations.RunPython(create, drop)]
