"""`manage.py import_organization FILE`: load an organization's archive (made by export_organization) into this
site as a new organization (recovery/portability.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recovery import portability
from recovery.audit.recorder import acting_as, command_actor


class Command(BaseCommand):
    help = (
        "Load an archive made by export_organization into this site as a new organization, renumbering its rows; "
        "people are matched by email address. Refuses an organization whose slug exists here already."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .tar.gz file export_organization wrote.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, archive, database, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file; give the path of the archive export_organization wrote.")
        try:
            with acting_as(command_actor("import_organization")):
                imported = portability.import_organization(archive_path=archive, using=database)
        except portability.PortabilityProblem as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(
            f"{imported.organization.name} ({imported.organization.slug}): {sum(imported.rows.values())} rows and "
            f"{imported.files} files imported; {imported.people_matched} people already had an account here."
        )
