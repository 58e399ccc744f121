"""`manage.py restore PATH [--yes]`: check a backup folder's checksums, then restore it (recovery/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recovery import backups
from recovery.audit.models import AuditEvent
from recovery.audit.recorder import acting_as, command_actor, record


class Command(BaseCommand):
    help = (
        "Restore a folder made by `manage.py backup`: checks every file against the manifest first, refuses a "
        "database that holds data unless --yes, restores the database and the uploaded files, then migrates if the "
        "backup is older than this code. Stop the web, worker and beat processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup folder (hearth-backup-<UTC time>).")
        parser.add_argument("--yes", action="store_true", help="Replace the data the database holds now (it is lost).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, path, yes, database, **options):
        try:
            restored = backups.restore_backup(path, using=database, replace=yes)
        except (backups.BackupProblem, OSError) as error:
            raise CommandError(str(error)) from error
        manifest = restored.manifest
        with acting_as(command_actor("restore")):
            record(AuditEvent.Action.UPDATE, detail=f"database restored from backup {Path(path).name}")
        self.stdout.write(
            f"Restored the backup made {manifest['made_at']} by Hearth {manifest['hearth_version']}"
            + (f"; then applied {len(restored.migrated)} newer migrations." if restored.migrated else ".")
        )
