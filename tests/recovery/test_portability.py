"""An organization's export carries all its rows and files, is audited as a disclosure of every record, and imports
into a database holding other organizations; the demo moved from SQLite to PostgreSQL serves the same pages
(issue 19, "Data portability")."""

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from recovery import portability
from recovery.audit.models import AuditEvent
from recovery.models import Membership, Organization, Role, User
from recovery.tenancy import tenant_scope
from residences.models import ComplianceItem
from tests.conftest import PROJECT_DIR, hearth_env
from tests.recovery.builders import OrganizationFactory, make_member
from tests.recovery.test_backups import fresh_postgresql_databases  # noqa: F401 - the fixture, shared
from tests.residences.builders import make_home, make_stay

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    organization = OrganizationFactory(slug=f"harbor-{uuid.uuid4().hex[:6]}")
    make_member(organization, Role.ADMIN)
    home = make_home(organization, beds=())
    make_stay(organization, residence=home)
    with tenant_scope(organization):
        item = ComplianceItem.objects.create(
            residence=home, code="fire", requirement="Fire drills", min_level=1, domain="physical"
        )
        item.document.save("drill.pdf", ContentFile(b"%PDF fire drill log"), save=True)
    return organization


def _export(organization, tmp_path) -> Path:
    archive = tmp_path / "export.tar.gz"
    call_command("export_organization", organization.slug, output=archive, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return archive


def test_the_export_is_audited_as_a_disclosure_of_the_organization_and_of_each_resident(organization, tmp_path):
    _export(organization, tmp_path)
    with scopes_disabled():
        exports = AuditEvent.objects.filter(organization=organization, action=AuditEvent.Action.EXPORT)
        with tenant_scope(organization):
            from residents.models import Resident

            residents = set(Resident.objects.values_list("pk", flat=True))
        assert exports.filter(object_type="").count() == 1
        assert set(exports.exclude(resident_id=None).values_list("resident_id", flat=True)) == residents
        assert {e.actor_label for e in exports} == {"export_organization"}


def test_the_export_holds_every_tenant_row_and_uploaded_file_and_starts_with_the_notice(organization, tmp_path):
    manifest = portability.read_manifest(_export(organization, tmp_path))
    with tenant_scope(organization):
        for model in portability.tenant_models():
            assert manifest["rows"][model._meta.label_lower] == model.objects.count(), model._meta.label
    assert len(manifest["files"]) == 1 and manifest["files"][0].endswith(".pdf")


def test_an_import_into_a_site_that_holds_the_organization_is_refused_with_a_clear_message(organization, tmp_path):
    archive = _export(organization, tmp_path)
    with pytest.raises(CommandError, match="exists on this site already"):
        call_command("import_organization", str(archive))


def test_an_import_renumbers_the_rows_beside_other_organizations_and_matches_people_by_email(organization, tmp_path):
    archive = _export(organization, tmp_path)
    original_slug = organization.slug
    Organization.objects.filter(pk=organization.pk).update(slug=f"{original_slug}-old")
    imported = portability.import_organization(archive_path=archive)
    copy = imported.organization
    assert copy.pk != organization.pk and copy.slug == original_slug
    assert imported.people_matched == User.objects.filter(memberships__organization=organization).count()
    with tenant_scope(copy):
        item = ComplianceItem.objects.get(code="fire")
        assert item.document.read() == b"%PDF fire drill log"
        assert item.residence.organization_id == copy.pk
        assert Membership.objects.filter(role=Role.ADMIN).count() == 1
    with tenant_scope(organization):
        assert ComplianceItem.objects.filter(code="fire").count() == 1  # the original's rows are untouched
    with scopes_disabled():
        assert AuditEvent.objects.filter(organization=copy, detail__startswith="organization imported").exists()


def test_something_that_is_not_an_export_is_refused_with_a_clear_message(tmp_path):
    not_an_export = tmp_path / "photo.tar.gz"
    not_an_export.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="is not an organization export of Hearth"):
        call_command("import_organization", str(not_an_export))


def test_dumpdata_reads_tenant_tables(organization, capsys):
    call_command("dumpdata", "residences.complianceitem")
    assert '"code": "fire"' in capsys.readouterr().out


# Run in each site's own process: every page of the crawl, as each role, by a key that holds no id (ids differ
# between the two sites): the status, the page's heading and the text of its links.
CRAWL = """
import hashlib, json, re
from django.test import Client
from django.urls import get_resolver, reverse
from django_scopes import scopes_disabled
from recovery.models import Organization, User
from recovery.tenancy import tenant_scope
from residences.models import ComplianceItem, Residence
from tests.test_demo_crawl import NAMESPACES
from tests.test_isolation import walk

organization = Organization.objects.get(slug="harbor-light")
pages = {name: reverse(name) for name, _route, converters in walk(get_resolver().url_patterns)
         if not converters and name.split(":")[0] in NAMESPACES}
with tenant_scope(organization):
    for residence in Residence.objects.all():
        for name in ("residence_home", "bed_board", "house_rules", "compliance", "behind"):
            pages[f"{name} of {residence.name}"] = reverse(f"residences:{name}", args=[residence.pk])
    for item in ComplianceItem.objects.exclude(document="").select_related("residence"):
        document = reverse("residences:compliance_document", args=[item.pk])
        pages[f"document {item.code} of {item.residence.name}"] = document
tag = re.compile(r"<[^>]+>")
found = {}
for role in ("admin", "manager", "resident"):
    client = Client()
    with scopes_disabled():
        client.force_login(User.objects.get(email=f"{role}@harbor.example"))
    for key, url in sorted(pages.items()):
        if "audit" in key:  # the export and the import are written there: the two logs differ by design
            continue
        page = client.get(url, HTTP_HOST="localhost")
        content = b"".join(page.streaming_content) if page.streaming else page.content
        body = content.decode(errors="replace") if page.get("Content-Type", "").startswith("text/html") else ""
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
        links = sorted({" ".join(tag.sub("", text).split()) for text in re.findall(r"<a [^>]*>(.*?)</a>", body, re.S)})
        digest = hashlib.sha256(content).hexdigest() if not body else None  # a file: the same bytes
        heading = heading and " ".join(tag.sub("", heading.group(1)).split())
        found[f"{role} {key}"] = [page.status_code, heading, links, digest]
print("RESULT " + json.dumps(found))
"""


def _manage(*arguments, database_url: str, var_dir: Path) -> str:
    environment = hearth_env(DATABASE_URL=database_url, HEARTH_VAR_DIR=str(var_dir), MEDIA_ROOT=str(var_dir / "media"))
    environment.update(DEBUG="true", ALLOWED_HOSTS="localhost")
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {arguments[0]}: {done.stderr[-3000:]}"
    return done.stdout


def _crawl(database_url, var_dir) -> dict:
    out = _manage("shell", "-c", CRAWL, database_url=database_url, var_dir=var_dir)
    (line,) = [line for line in out.splitlines() if line.startswith("RESULT ")]
    return json.loads(line.removeprefix("RESULT "))


# Seed a compliance document in the demo, so a file travels too.
ADD_DOCUMENT = """
from django.core.files.base import ContentFile
from recovery.models import Organization
from recovery.tenancy import tenant_scope
from residences.models import ComplianceItem
with tenant_scope(Organization.objects.get(slug="harbor-light")):
    item = ComplianceItem.objects.order_by("pk").first()
    item.document.save("fire-drills.pdf", ContentFile(b"%PDF fire drills"), save=True)
"""


@pytest.mark.django_db(transaction=True)
def test_the_demo_exported_from_sqlite_and_imported_into_fresh_postgresql_serves_the_same_pages(
    tmp_path,
    fresh_postgresql_databases,  # noqa: F811 - the fixture
):
    source_dir, target_dir = tmp_path / "sqlite", tmp_path / "postgresql"
    source = f"sqlite:///{source_dir / 'hearth.sqlite3'}"
    source_dir.mkdir()
    for step in (["migrate", "--noinput"], ["seed_demo"], ["shell", "-c", ADD_DOCUMENT]):
        _manage(*step, database_url=source, var_dir=source_dir)
    for slug in ("cedar-path", "harbor-light"):
        _manage(
            "export_organization",
            slug,
            "--output",
            str(tmp_path / f"{slug}.tar.gz"),
            database_url=source,
            var_dir=source_dir,
        )
    target = fresh_postgresql_databases()
    _manage("migrate", "--noinput", database_url=target, var_dir=target_dir)
    # The other organization first, so the one compared is imported into a database that holds another.
    for slug in ("cedar-path", "harbor-light"):
        _manage("import_organization", str(tmp_path / f"{slug}.tar.gz"), database_url=target, var_dir=target_dir)

    before, after = _crawl(source, source_dir), _crawl(target, target_dir)

    assert sum(1 for status, *_ in before.values() if status == 200) > 100, "the crawl should open real pages"
    assert any(key.startswith("admin document") and value[0] == 200 for key, value in after.items())
    differences = {key: (before[key], after.get(key)) for key in before if before[key] != after.get(key)}
    assert not differences, differences
    assert before.keys() == after.keys()
