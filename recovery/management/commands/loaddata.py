"""Django's `loaddata`, able to write tenant tables: it loads a whole-site dump (`dumpdata`) with the tenant scope
disabled. To load one organization into a site that holds others, use `import_organization`, which renumbers rows."""

from django.core.management.commands import loaddata
from django_scopes import scopes_disabled


class Command(loaddata.Command):
    help = loaddata.Command.help + (
        " Hearth: for a whole-site dump; to bring one organization into a site with others, use import_organization."
    )

    def handle(self, *fixture_labels, **options):
        with scopes_disabled():
            return super().handle(*fixture_labels, **options)
