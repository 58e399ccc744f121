"""Every existing home without steps gets the default consequence ladder now, as new homes do when created:
reading a ladder no longer writes one (issue 12: a first visit to "my house" wrote rows)."""

from django.db import migrations


# governance.ladder.models.DEFAULT_LADDER as it stood when this migration was written (a migration keeps its data).
DEFAULT_LADDER = [
    ("Reminder", "A friendly word about the rule, and why it matters to the house."),
    ("Written warning", "A note in writing, read and talked through together."),
    ("Behaviour contract", "A short agreement on what changes, with a date to look at it again."),
    ("Loss of a privilege", "A privilege (a pass, a later curfew) paused for a set time."),
    ("House-meeting review", "The house talks it through at the next house meeting."),
    ("Discharge review", "A review of whether the stay can go on, with a plan for a safe next place."),
]


def seed_ladders(apps, schema_editor):
    Residence = apps.get_model("residences", "Residence")
    ConsequenceStep = apps.get_model("governance", "ConsequenceStep")
    laddered = ConsequenceStep.objects.values("residence_id")
    ConsequenceStep.objects.bulk_create(
        ConsequenceStep(
            organization_id=home.organization_id,
            residence_id=home.pk,
            position=position,
            name=name,
            description=description,
        )
        for home in Residence.objects.exclude(pk__in=laddered).only("pk", "organization_id")
        for position, (name, description) in enumerate(DEFAULT_LADDER, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_house_life"),
        ("residences", "0007_publish_this_home"),
    ]

    operations = [migrations.RunPython(seed_ladders, migrations.RunPython.noop)]
