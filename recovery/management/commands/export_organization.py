"""`manage.py export_organization SLUG --output FILE`: one organization's rows and files in one archive
(recovery/portability.py); a disclosure of every record, audited as such."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recovery import portability
from recovery.audit.recorder import acting_as, command_actor
from recovery.models import Organization


class Command(BaseCommand):
    help = (
        "Write every row and uploaded file of one organization to a .tar.gz archive that import_organization loads "
        "into another Hearth site. The archive holds every resident record: it is audited as a disclosure."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The organization's slug (as in its address and the admin).")
        parser.add_argument("--output", type=Path, required=True, help="The archive to write (a new .tar.gz file).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, slug, output, database, **options):
        organization = Organization.objects.using(database).filter(slug=slug).first()
        if organization is None:
            raise CommandError(f"No organization has the slug {slug!r}; the slugs are listed in the Django admin.")
        try:
            with acting_as(command_actor("export_organization")):
                manifest = portability.export_organization(organization=organization, output=output, using=database)
        except (portability.PortabilityProblem, OSError) as error:
            raise CommandError(f"Nothing was exported. {error}") from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"{output}: {rows} rows and {len(manifest['files'])} files of {organization.name}.")
