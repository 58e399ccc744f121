"""Backups of a Hearth site and restoring them: the database and the uploaded files, with a manifest of checksums
so that a damaged backup is refused before it overwrites anything (issue 15, item 8).

A backup is one folder, `hearth-backup-<UTC time>/`, holding:
- `database.dump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite's online backup API);
- `media.tar.gz`, the uploaded files (MEDIA_ROOT: signed consents, compliance documents);
- `manifest.json`: each file's SHA-256 and size, the Hearth version, the migrations applied, and when it was made.

The database password reaches pg_dump and pg_restore through the PGPASSWORD environment variable only, never
their command line (which `ps` shows to every user) nor a log line. The checksums catch damage (a truncated copy,
a flipped bit), not a forger who rewrites the manifest too: keep backups where only operators can write.
"""

import functools
import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
POSTGRESQL_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
FORMAT = 1
PG_DUMP, PG_RESTORE = "pg_dump", "pg_restore"


class BackupProblem(Exception):
    """A backup could not be made, checked or restored; the message says what happened and what to do next, and
    names no password."""


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup's manifest, and the migrations run afterwards because the backup was older
    than this code (empty when it was current)."""

    manifest: dict
    migrated: tuple[str, ...]


@functools.cache
def hearth_version() -> str:
    """Hearth's version: pyproject.toml's when run from a source folder (the version being worked on), else the
    installed package's metadata (an image or a wheel install)."""
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    if pyproject.is_file():
        with open(pyproject, "rb") as opened:
            return tomllib.load(opened)["project"]["version"]
    return importlib.metadata.version("hearth")


def make_backup(*, output_dir: Path, using: str = "default", now: datetime | None = None) -> Path:
    """Back up database `using` and MEDIA_ROOT into a new folder under `output_dir` (created if missing).

    Returns the folder, `hearth-backup-YYYYMMDDTHHMMSSZ` (UTC; `now` defaults to the current time). Raises
    BackupProblem when the database engine is neither PostgreSQL nor SQLite, pg_dump is missing or fails, or the
    folder exists already. The database is read in one snapshot (pg_dump's, or SQLite's backup API), so the site
    may keep serving while it runs; files uploaded during the backup may or may not be in it.
    """
    made_at = (now or datetime.now(UTC)).astimezone(UTC)
    folder = Path(output_dir) / f"hearth-backup-{made_at:%Y%m%dT%H%M%SZ}"
    try:
        folder.mkdir(parents=True)
    except FileExistsError as error:
        raise BackupProblem(
            f"{folder} exists already. Wait a second and back up again, or choose another --output."
        ) from error
    connection = connections[using]
    vendor = connection.vendor
    try:
        if vendor == "postgresql":
            database_file = POSTGRESQL_DUMP
            _run_postgresql_tool(PG_DUMP, ["--format=custom", f"--file={folder / database_file}"], connection)
        elif vendor == "sqlite":
            database_file = SQLITE_COPY
            _copy_sqlite(Path(connection.settings_dict["NAME"]), folder / database_file)
        else:
            raise BackupProblem(f"Hearth backs up PostgreSQL and SQLite, not {vendor}.")
        _archive_media(folder / MEDIA_ARCHIVE)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # no half-made backup left to be mistaken for one
        raise
    manifest = {
        "format": FORMAT,
        "hearth_version": hearth_version(),
        "made_at": made_at.isoformat(),
        "database": {"vendor": vendor, "file": database_file},
        "migrations": _applied_migrations(connection),
        "files": {name: _fingerprint(folder / name) for name in (database_file, MEDIA_ARCHIVE)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return folder


def verify_backup(folder: Path) -> dict:
    """Check a backup folder against its manifest before anything is overwritten; returns the manifest.

    Raises BackupProblem naming the first problem: no readable manifest, a format this Hearth does not know, a
    file missing, or a file whose size or SHA-256 differs from the manifest's (damaged or changed since).
    """
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        files, database = manifest["files"], manifest["database"]
    except FileNotFoundError as error:
        raise BackupProblem(f"{folder} has no {MANIFEST}: it is not a Hearth backup folder.") from error
    except (ValueError, KeyError, TypeError) as error:
        raise BackupProblem(f"The {MANIFEST} in {folder} is damaged; use another backup.") from error
    if manifest.get("format") != FORMAT:
        raise BackupProblem(f"This backup's format ({manifest.get('format')}) is not one this Hearth can restore.")
    if database.get("file") not in files or MEDIA_ARCHIVE not in files:
        raise BackupProblem(f"The {MANIFEST} in {folder} does not list the database and the uploaded files.")
    for name, expected in files.items():
        path = folder / name
        if Path(name).name != name or not path.is_file():
            raise BackupProblem(f"{name} is missing from {folder}; the backup is incomplete.")
        if _fingerprint(path) != expected:
            raise BackupProblem(
                f"{name} in {folder} does not match its checksum: the backup is damaged or was changed after it "
                "was made. Nothing was restored; use another backup."
            )
    return manifest


def database_holds_data(using: str = "default") -> bool:
    """Whether database `using` holds Hearth data (any account or organization): a restore then replaces it."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in ("recovery_user", "recovery_organization"):
            if table in tables:
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)})")  # noqa: S608
                if cursor.fetchone()[0]:
                    return True
    return False


def restore_backup(folder: Path, *, using: str = "default", replace: bool = False) -> Restored:
    """Restore a backup folder into database `using` and MEDIA_ROOT, then migrate if the backup is older.

    Checks the backup first (verify_backup), and that this code knows every migration the backup has applied.
    Refuses a database holding data unless `replace` is true. PostgreSQL: `pg_restore --clean --if-exists
    --no-owner --single-transaction` (all or nothing; tables are dropped and recreated, which the append-only
    guards allow, and their triggers come back with them). SQLite: the backup API copies the file in. The uploaded
    files replace MEDIA_ROOT's. Stop the web, worker and beat processes first. Raises BackupProblem.
    """
    folder = Path(folder)
    manifest = verify_backup(folder)
    connection = connections[using]
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupProblem(
            f"This is a {manifest['database']['vendor']} backup; DATABASE_URL points at {connection.vendor}."
        )
    unknown = sorted(set(manifest["migrations"]) - set(_known_migrations()))
    if unknown:
        raise BackupProblem(
            f"This backup was made by a newer Hearth (it has migration {unknown[0]}, which this code lacks). "
            "Restore it with the version that made it."
        )
    if not replace and database_holds_data(using):
        raise BackupProblem(
            "The database already holds Hearth data, which the restore would replace. Restore into an empty "
            "database, or confirm with --yes."
        )
    database_file = folder / manifest["database"]["file"]
    connection.close()
    if connection.vendor == "postgresql":
        options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(database_file)]
        _run_postgresql_tool(PG_RESTORE, options, connection)
    else:
        _copy_sqlite(database_file, Path(connection.settings_dict["NAME"]))
    _extract_media(folder / MEDIA_ARCHIVE)
    return Restored(manifest=manifest, migrated=_migrate_if_behind(using))


# --- the database ------------------------------------------------------------------------------------------------


def _run_postgresql_tool(tool: str, arguments: list[str], connection) -> None:
    """Run pg_dump or pg_restore against `connection`'s database; the password goes in PGPASSWORD only."""
    database = connection.settings_dict
    environment = {**os.environ}
    environment.pop("PGPASSWORD", None)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if database.get("OPTIONS", {}).get(option):
            environment[variable] = str(database["OPTIONS"][option])
    command = [shutil.which(tool) or tool, "--no-password", f"--dbname={database['NAME']}"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command.append(f"{flag}={database[key]}")
    try:
        finished = subprocess.run(  # noqa: S603 - a fixed tool, arguments from settings, no shell
            command + arguments, env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupProblem(f"{tool} is not installed here; install the PostgreSQL client tools.") from error
    if finished.returncode != 0:
        detail = finished.stderr.strip()[-2000:] or f"exit status {finished.returncode}"
        raise BackupProblem(f"{tool} failed: {detail}")


def _copy_sqlite(source: Path, target: Path) -> None:
    """Copy one SQLite database into another through the online backup API (a consistent snapshot; the target is
    replaced page by page, never left half-written)."""
    if not source.is_file():
        raise BackupProblem(f"There is no SQLite database at {source}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)
    reader.close()
    writer.close()


def _applied_migrations(connection) -> list[str]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def _known_migrations() -> list[str]:
    return [f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations]


def _migrate_if_behind(using: str) -> tuple[str, ...]:
    from django.core.management import call_command

    connection = connections[using]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return ()
    call_command("migrate", database=using, interactive=False, verbosity=0)
    return tuple(f"{migration.app_label}.{migration.name}" for migration, _backwards in plan)


# --- the uploaded files ------------------------------------------------------------------------------------------


def _archive_media(archive: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(archive, "w:gz") as tar:
        if media.is_dir():
            for path in sorted(media.iterdir()):
                tar.add(path, arcname=path.name)


def _extract_media(archive: Path) -> None:
    """Replace MEDIA_ROOT's files with the archive's: unpack beside it first, so a failure leaves it as it was."""
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(prefix=".restoring-", dir=media.parent))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(unpacked, filter="data")  # refuses absolute paths, "..", devices and outside links
        media.mkdir(exist_ok=True)
        for path in media.iterdir():
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        for path in unpacked.iterdir():
            shutil.move(path, media / path.name)
    except (OSError, tarfile.TarError) as error:
        raise BackupProblem(f"The uploaded files could not be restored into {media}: {error}") from error
    finally:
        shutil.rmtree(unpacked, ignore_errors=True)


def _fingerprint(path: Path) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return {"sha256": digest.hexdigest(), "bytes": path.stat().st_size}
