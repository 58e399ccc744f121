"""One account per email address whatever its letter case (issue 12, item 10). Addresses that differ only in
case would make the constraint fail half-way; they are named (by account id, never the address) so an operator
can merge or rename them first."""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower


def refuse_addresses_that_differ_only_in_case(apps, schema_editor):
    User = apps.get_model("recovery", "User")
    clashes = (
        User.objects.annotate(address=Lower("email")).values("address").annotate(n=Count("id")).filter(n__gt=1)
    )
    if clashes.exists():
        ids = sorted(
            User.objects.annotate(address=Lower("email"))
            .filter(address__in=clashes.values("address"))
            .values_list("id", flat=True)
        )
        raise RuntimeError(
            f"Accounts {ids} share an email address that differs only in letter case. Merge or rename them "
            "(Django admin, Accounts), then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("recovery", "0002_coaches_sign_in_with_a_second_step"),
    ]

    operations = [
        migrations.RunPython(refuse_addresses_that_differ_only_in_case, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                name="one_account_per_email_in_any_case",
                violation_error_message="An account with this email address already exists.",
            ),
        ),
    ]
