"""A backup restores into a fresh database that then serves, with the append-only guards intact; a damaged backup
and a database holding data are refused (issue 15, item 8)."""

import io
import json
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg2 import sql

from recovery import backups
from recovery.models import Role
from tests.conftest import PROJECT_DIR, database_url, hearth_env
from tests.recovery.builders import OrganizationFactory, make_member

# Run in the restored site's own process: what it holds, whether a signed-in page serves from it, and whether the
# append-only guards still refuse.
SERVE_FROM_RESTORED = """
import json
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django_scopes import scopes_disabled
from recovery.audit.models import AuditEvent
from recovery.models import Organization, User

with scopes_disabled():
    found = {
        "organizations": sorted(Organization.objects.values_list("name", flat=True)),
        "audit_events": AuditEvent.objects.filter(detail="seeded before the backup").count(),
        "restore_recorded": AuditEvent.objects.filter(detail__startswith="database restored").count(),
    }
    admin = User.objects.get(email="%(email)s")
client = Client()
client.force_login(admin)
page = client.get("/organization/audit/", HTTP_HOST="localhost")
found["page"] = [page.status_code, "Harbor Light" in page.content.decode()]
found["guards"] = []
if connection.vendor == "postgresql":
    for statement in ("UPDATE audit_auditevent SET detail = 'x'", "TRUNCATE audit_auditevent CASCADE"):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
            found["guards"].append("passed")
        except DatabaseError:
            found["guards"].append("refused")
print("RESULT " + json.dumps(found))
"""


def _manage(*arguments, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    environment = hearth_env(DATABASE_URL=database_url, MEDIA_ROOT=str(media_root))
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _seed(settings, tmp_path) -> str:
    from recovery.audit.models import AuditEvent
    from recovery.audit.recorder import record

    organization = OrganizationFactory(name="Harbor Light Recovery Homes", slug=f"harbor-{uuid.uuid4().hex[:6]}")
    admin = make_member(organization, Role.ADMIN)
    make_member(organization, Role.RESIDENT)
    record(AuditEvent.Action.UPDATE, organization=organization, detail="seeded before the backup")
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "consents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "consents" / "signature.png").write_bytes(b"\x89PNG signed")
    return admin.email


def _back_up(tmp_path) -> Path:
    out = io.StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=out)
    return Path(out.getvalue().strip())


def _restore_and_serve(folder: Path, *, target_url: str, tmp_path, email: str) -> dict:
    restored_media = tmp_path / "restored-media"
    restore = _manage("restore", str(folder), database_url=target_url, media_root=restored_media)
    assert restore.returncode == 0, restore.stderr[-3000:]
    assert "Restored the backup made" in restore.stdout
    check = _manage("check", database_url=target_url, media_root=restored_media)
    assert check.returncode == 0, check.stderr[-3000:]
    serve = _manage(
        "shell", "-c", SERVE_FROM_RESTORED % {"email": email}, database_url=target_url, media_root=restored_media
    )
    assert serve.returncode == 0, serve.stderr[-3000:]
    (line,) = [line for line in serve.stdout.splitlines() if line.startswith("RESULT ")]
    assert (restored_media / "consents" / "signature.png").read_bytes() == b"\x89PNG signed"
    return json.loads(line.removeprefix("RESULT "))


@pytest.fixture
def fresh_postgresql_databases():
    """Makes new, empty PostgreSQL databases beside the test database (call it for each one's DATABASE_URL); drops
    them after the test."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL; the SQLite backup has its own test")
    settings_dict = connection.settings_dict
    server = {
        key: value
        for key, value in {
            "host": settings_dict.get("HOST"),
            "port": settings_dict.get("PORT"),
            "user": settings_dict.get("USER"),
            "password": settings_dict.get("PASSWORD"),
        }.items()
        if value
    }
    admin = psycopg2.connect(dbname="postgres", **server)
    admin.autocommit = True
    made = []

    def new_database() -> str:
        name = f"{settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        made.append(name)
        return database_url({**settings_dict, "NAME": name})

    try:
        yield new_database
    finally:
        with admin.cursor() as cursor:
            for name in made:
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_into_a_fresh_database_that_serves_with_its_guards(
    fresh_postgresql_databases, settings, tmp_path
):
    email = _seed(settings, tmp_path)
    folder = _back_up(tmp_path)
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    assert manifest["database"] == {"vendor": "postgresql", "file": backups.POSTGRESQL_DUMP}
    assert "audit.0006_audit_events_refuse_truncate" in manifest["migrations"]

    found = _restore_and_serve(folder, target_url=fresh_postgresql_databases(), tmp_path=tmp_path, email=email)

    assert "Harbor Light Recovery Homes" in found["organizations"]
    assert found["audit_events"] == 1 and found["restore_recorded"] == 1
    assert found["page"] == [200, True]
    assert found["guards"] == ["refused", "refused"]


@pytest.mark.django_db(transaction=True)
def test_a_backup_older_than_the_code_replaces_a_database_with_yes_and_is_migrated(
    fresh_postgresql_databases, settings, tmp_path
):
    _seed(settings, tmp_path)
    target, media = fresh_postgresql_databases(), tmp_path / "restored-media"
    assert _manage("restore", str(_back_up(tmp_path)), database_url=target, media_root=media).returncode == 0
    # Take the database back to before the ledger's TRUNCATE guard, as a backup made by an older Hearth would be.
    downgrade = _manage("migrate", "residences", "0009", database_url=target, media_root=media)
    assert downgrade.returncode == 0, downgrade.stderr[-3000:]
    backup = _manage("backup", "--output", str(tmp_path / "older"), database_url=target, media_root=media)
    assert backup.returncode == 0, backup.stderr[-3000:]
    refused = _manage("restore", backup.stdout.strip(), database_url=target, media_root=media)
    assert refused.returncode != 0 and "already holds Hearth data" in refused.stderr

    restore = _manage("restore", backup.stdout.strip(), "--yes", database_url=target, media_root=media)

    assert restore.returncode == 0, restore.stderr[-3000:]
    assert "newer migrations" in restore.stdout
    trigger = "SELECT count(*) FROM pg_trigger WHERE tgname = 'residences_ledgerentry_no_truncate'"
    check = f"from django.db import connection; c = connection.cursor(); c.execute({trigger!r}); print(*c.fetchone())"
    assert _manage("shell", "-c", check, database_url=target, media_root=media).stdout.splitlines()[-1] == "1"


@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_restores_into_a_fresh_file_that_serves(settings, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("this is the embedded default's backup; the PostgreSQL one has its own test")
    email = _seed(settings, tmp_path)
    folder = _back_up(tmp_path)
    assert json.loads((folder / backups.MANIFEST).read_text())["database"]["vendor"] == "sqlite"

    target_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    found = _restore_and_serve(folder, target_url=target_url, tmp_path=tmp_path, email=email)

    assert "Harbor Light Recovery Homes" in found["organizations"]
    assert found["audit_events"] == 1 and found["restore_recorded"] == 1
    assert found["page"] == [200, True]


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_overwritten(settings, tmp_path):
    _seed(settings, tmp_path)
    folder = _back_up(tmp_path)
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    damaged = folder / manifest["database"]["file"]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    (settings.MEDIA_ROOT / "consents" / "signature.png").write_bytes(b"changed since")

    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(folder), yes=True)
    assert (settings.MEDIA_ROOT / "consents" / "signature.png").read_bytes() == b"changed since"


def test_a_folder_without_a_manifest_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(backups.BackupProblem, match="is not a Hearth backup folder"):
        backups.verify_backup(tmp_path)


@pytest.mark.django_db(transaction=True)
def test_a_database_holding_data_is_not_replaced_without_yes(settings, tmp_path):
    _seed(settings, tmp_path)
    folder = _back_up(tmp_path)
    OrganizationFactory(name="Cedar Path Sober Living", slug=f"cedar-{uuid.uuid4().hex[:6]}")

    with pytest.raises(CommandError, match="already holds Hearth data"):
        call_command("restore", str(folder))
    from recovery.models import Organization

    assert Organization.objects.filter(name="Cedar Path Sober Living").exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_a_newer_hearth_is_refused(settings, tmp_path):
    _seed(settings, tmp_path)
    folder = _back_up(tmp_path)
    manifest_path = folder / backups.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["migrations"].append("recovery.9999_from_the_future")
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="made by a newer Hearth"):
        call_command("restore", str(folder), yes=True)


def test_the_database_password_reaches_pg_dump_only_through_its_environment(monkeypatch):
    seen = {}

    def run(command, *, env, **kwargs):
        seen.update(command=command, env=env)
        return subprocess.CompletedProcess(command, 1, "", "pg_dump: error: connection refused")

    class Connection:
        settings_dict = {"NAME": "hearth", "HOST": "db.internal", "PORT": 5433, "USER": "hearth", "PASSWORD": "s3cr3t"}

    monkeypatch.setattr(backups.subprocess, "run", run)
    with pytest.raises(backups.BackupProblem) as refusal:
        backups._run_postgresql_tool(backups.PG_DUMP, ["--format=custom"], Connection())

    assert not any("s3cr3t" in argument for argument in seen["command"])
    assert "--host=db.internal" in seen["command"] and "--no-password" in seen["command"]
    assert seen["env"]["PGPASSWORD"] == "s3cr3t"
    assert "s3cr3t" not in str(refusal.value) and "connection refused" in str(refusal.value)


@pytest.mark.django_db
def test_a_backup_that_fails_leaves_no_half_made_folder_and_says_so(tmp_path, monkeypatch):
    def disk_full(archive):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_archive_media", disk_full)
    with pytest.raises(CommandError, match=r"No backup was made.*No space left"):
        call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    assert list((tmp_path / "backups").iterdir()) == []
