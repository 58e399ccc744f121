"""`manage.py backup [--output DIR]`: the database and the uploaded files in one checked folder (see backups.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from recovery import backups
from recovery.audit.models import AuditEvent
from recovery.audit.recorder import acting_as, command_actor, record


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's backup API) and the uploaded files into a new folder "
        "hearth-backup-<UTC time> with a manifest of SHA-256 checksums. Prints the folder's path."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Folder to create the backup in (default: backups/ under HEARTH_VAR_DIR).",
        )
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, output, database, **options):
        output = output or Path(settings.VAR_DIR) / "backups"
        try:
            folder = backups.make_backup(output_dir=output, using=database)
        except (backups.BackupProblem, OSError) as error:
            raise CommandError(f"No backup was made. {error}") from error
        with acting_as(command_actor("backup")):
            # A backup holds every resident record: who took one, and when, is written down.
            record(AuditEvent.Action.EXPORT, detail=f"backup {folder.name}")
        self.stdout.write(str(folder))
