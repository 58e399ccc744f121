"""Django's `dumpdata`, able to read tenant tables: a whole-site dump (every organization) runs with the tenant scope
disabled, since the platform operator asks for all of it. One organization's data: `export_organization`."""

from django.core.management.commands import dumpdata
from django_scopes import scopes_disabled


class Command(dumpdata.Command):
    help = dumpdata.Command.help + (
        " Hearth: dumps every organization's rows; to take one organization elsewhere, use export_organization."
    )

    def handle(self, *app_labels, **options):
        with scopes_disabled():
            return super().handle(*app_labels, **options)
