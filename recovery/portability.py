"""An organization's data, carried out of one Hearth site and into another (issue 19, "Data portability").

`export_organization()` writes one archive (`.tar.gz`) holding every row the organization owns: the organization,
the people who belong to it or are named in its records (with their email addresses and second-factor devices), every
tenant table's rows read through the organization's tenant scope, its audit log, and the uploaded files its rows name
(read through Django's storage API, so the file system and S3 both work). `import_organization()` loads such an
archive into another database, which may already hold other organizations:

- primary keys are renumbered: each table's rows get new ids and every foreign key is rewritten to them, tables in
  dependency order (a nullable link to a row not yet written is set afterwards);
- people are matched by email address: a person who already has an account on the receiving site keeps it (their
  password and devices untouched) and gains the imported membership; anyone else gets their account as it was,
  without platform rights (`is_staff`, `is_superuser`): those belong to the site, not to an organization;
- the audit log comes along, its record ids and resident ids rewritten where the record came along too;
- an organization whose slug exists already is refused, before anything is written.

The export is a disclosure of every record (42 CFR Part 2): it is written to the audit log as one EXPORT event of the
organization and one EXPORT event per resident, so each resident's accounting of disclosures shows it. The archive
starts with the redisclosure notice. Keep it where only operators can read it.
"""

import io
import json
import tarfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django_scopes import scopes_disabled

from recovery.audit.models import AuditEvent
from recovery.audit.recorder import event
from recovery.exports import REDISCLOSURE_NOTICE
from recovery.models import Organization, User
from recovery.tenancy import TenantModel, tenant_scope

FORMAT = 1
MANIFEST = "manifest.json"
NOTICE = "NOTICE.txt"
ORGANIZATION = "recovery.organization"
USER = "recovery.user"
AUDIT = "audit.auditevent"
RESIDENT = "residents.resident"
# People's own rows that travel with them: their addresses (sign-in) and second-factor devices.
PERSONAL = ["account.emailaddress", "mfa.authenticator"]
USER_FIELDS_LEFT_BEHIND = ("groups", "user_permissions")


class PortabilityProblem(Exception):
    """An export or import could not be done; the message says what happened and what to do next."""


@dataclass(frozen=True)
class Imported:
    """What an import wrote: the new organization, how many rows per table, and how many people already had an
    account on this site (they kept it)."""

    organization: Organization
    rows: dict
    people_matched: int
    files: int


def tenant_models() -> list[type[TenantModel]]:
    """Every concrete tenant-owned model, parents before the tables that point at them (foreign keys between tenant
    tables; a cycle is broken at a nullable link, which `import_organization()` then sets afterwards)."""
    found = [m for m in apps.get_models() if issubclass(m, TenantModel) and not m._meta.abstract]
    found.sort(key=lambda m: m._meta.label_lower)
    labels = {m._meta.label_lower: m for m in found}
    needs = {}
    for model in found:
        needs[model] = {
            (field.related_model._meta.label_lower, field.null)
            for field in model._meta.concrete_fields
            if field.is_relation
            and field.related_model._meta.label_lower in labels
            and field.related_model is not model
        }
    ordered, placed = [], set()
    while len(ordered) < len(found):
        ready = [m for m in found if m not in placed and all(lbl in _placed_labels(placed) for lbl, _ in needs[m])]
        if not ready:  # a cycle: place the first model whose remaining links are all nullable
            ready = [
                m
                for m in found
                if m not in placed and all(null or lbl in _placed_labels(placed) for lbl, null in needs[m])
            ][:1]
            if not ready:
                raise PortabilityProblem("The tenant tables' required links form a cycle; no order can load them.")
        for model in ready:
            ordered.append(model)
            placed.add(model)
    return ordered


def _placed_labels(placed) -> set[str]:
    return {m._meta.label_lower for m in placed}


def _file_fields(model) -> list[models.FileField]:
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _applied_migrations(using) -> dict[str, list[str]]:
    applied = defaultdict(list)
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        applied[app].append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(content))


def _serialized(rows) -> bytes:
    return serializers.serialize("json", rows, indent=None).encode("utf-8")


def export_organization(*, organization: Organization, output: Path, using: str = "default") -> dict:
    """Write `organization`'s rows and files to the archive `output` (a new `.tar.gz`; an existing file is refused).

    Returns the manifest (row counts per table, files, migrations, when). Tenant rows are read inside
    `tenant_scope(organization)`. Writes the disclosure to the audit log (one EXPORT event for the organization, one
    per resident) after the archive is complete; the actor is the current one (`acting_as`). Raises
    PortabilityProblem when `output` exists.
    """
    output = Path(output)
    if output.exists():
        raise PortabilityProblem(f"{output} exists already; choose another --output, or move the old file away.")
    counts, files, resident_ids = {}, [], []
    with tarfile.open(output, "w:gz") as archive:
        _add(archive, NOTICE, f"Prohibition on redisclosure: {REDISCLOSURE_NOTICE}\n".encode())
        _add(archive, f"data/{ORGANIZATION}.json", _serialized([organization]))
        with tenant_scope(organization):
            user_ids = set()
            for model in tenant_models():
                rows = list(model.objects.using(using).order_by("pk"))
                label = model._meta.label_lower
                counts[label] = len(rows)
                for row in rows:
                    for field in model._meta.concrete_fields:
                        if field.is_relation and field.related_model is User and getattr(row, field.attname):
                            user_ids.add(getattr(row, field.attname))
                    for field in _file_fields(model):
                        name = getattr(row, field.attname).name
                        if name and name not in files:
                            with field.storage.open(name, "rb") as stored:
                                _add(archive, f"files/{name}", stored.read())
                            files.append(name)
                if label == RESIDENT:
                    resident_ids = [row.pk for row in rows]
                _add(archive, f"data/{label}.json", _serialized(rows))
        with scopes_disabled():
            audit = AuditEvent.objects.using(using).filter(organization=organization).order_by("pk")
            user_ids.update(audit.exclude(actor=None).values_list("actor_id", flat=True))
            users = list(User.objects.using(using).filter(pk__in=user_ids).order_by("pk"))
            counts[USER] = len(users)
            _add(archive, f"data/{USER}.json", _serialized(users))
            for label in PERSONAL:
                model = apps.get_model(label)
                rows = list(model.objects.using(using).filter(user__in=users).order_by("pk"))
                counts[label] = len(rows)
                _add(archive, f"data/{label}.json", _serialized(rows))
            counts[AUDIT] = audit.count()
            _add(archive, f"data/{AUDIT}.json", _serialized(audit.iterator()))
        manifest = {
            "format": FORMAT,
            "organization": organization.slug,
            "made_at": datetime.now(UTC).isoformat(),
            "rows": counts,
            "files": files,
            "migrations": _applied_migrations(using),
        }
        _add(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
    _audit_export(organization, resident_ids, name=output.name, using=using)
    return manifest


def _audit_export(organization, resident_ids, *, name, using):
    """The export is a disclosure of every record: one EXPORT event of the organization, and one per resident."""
    detail = f"organization export {name}"[:200]
    events = [event(AuditEvent.Action.EXPORT, organization_id=organization.pk, detail=detail)]
    events += [
        event(
            AuditEvent.Action.EXPORT,
            organization_id=organization.pk,
            object_type=RESIDENT,
            object_id=resident_id,
            resident_id=resident_id,
            detail=detail,
        )
        for resident_id in resident_ids
    ]
    with scopes_disabled():
        AuditEvent.objects.using(using).bulk_create(events)


def read_manifest(archive_path: Path) -> dict:
    """The manifest of the archive at `archive_path`. Raises PortabilityProblem when it is not a Hearth export."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            return json.load(archive.extractfile(MANIFEST))
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise PortabilityProblem(
            f"{archive_path} is not an organization export of Hearth (made by `manage.py export_organization`)."
        ) from error


def _check_migrations(manifest, using):
    here = _applied_migrations(using)
    missing = sorted(
        f"{app}.{name}" for app, names in manifest["migrations"].items() for name in set(names) - set(here.get(app, []))
    )
    if missing:
        raise PortabilityProblem(
            f"The export was made by a newer Hearth ({len(missing)} migrations this site lacks, e.g. {missing[0]}). "
            "Upgrade this site (docs/upgrading.md) and import again."
        )


class _Loader:
    """Renumbers and writes one archive's rows; `ids[label][old id]` is the new id of each row written."""

    def __init__(self, archive: tarfile.TarFile, using: str):
        self.archive, self.using = archive, using
        self.ids: dict[str, dict] = defaultdict(dict)
        self.later: list[tuple] = []  # (model, new pk, attname, label, old target id): links set after all rows
        self.counts: dict[str, int] = {}
        self.files = 0

    def objects(self, label):
        try:
            member = self.archive.extractfile(f"data/{label}.json")
        except KeyError:
            return []
        return list(serializers.deserialize("json", member.read().decode("utf-8"), using=self.using))

    def new_id(self, label, old):
        return self.ids[label].get(old) if old is not None else None

    def relink(self, obj, *, deferrable=True):
        """Rewrite `obj`'s foreign keys to the new ids; returns the links to set once their target exists."""
        pending = []
        for field in obj._meta.concrete_fields:
            if not field.is_relation:
                continue
            old = getattr(obj, field.attname)
            if old is None:
                continue
            label = field.related_model._meta.label_lower
            new = self.new_id(label, old)
            if new is None:
                if not (field.null and deferrable):
                    raise PortabilityProblem(
                        f"A {obj._meta.verbose_name} points at a {field.verbose_name} missing from the export; "
                        "the archive is incomplete. Export the organization again."
                    )
                pending.append((field.attname, label, old))
            setattr(obj, field.attname, new)
        return pending

    def copy_files(self, obj):
        for field in _file_fields(type(obj)):
            name = getattr(obj, field.attname).name
            if not name:
                continue
            try:
                content = self.archive.extractfile(f"files/{name}").read()
            except KeyError as error:
                raise PortabilityProblem(
                    f"The file of a {obj._meta.verbose_name} is missing from the archive; export again."
                ) from error
            setattr(obj, field.attname, field.storage.save(name, ContentFile(content)))
            self.files += 1

    def write(self, label, objects, *, prepare=None):
        """Insert `objects` (deserialized, old ids) with new ids, in one batch per table."""
        if not objects:
            self.counts[label] = 0
            return
        model = type(objects[0].object)
        olds, rows, m2m, pendings = [], [], [], []
        for deserialized in objects:
            obj = deserialized.object
            olds.append(obj.pk)
            if prepare:
                prepare(obj)
            pendings.append(self.relink(obj))
            self.copy_files(obj)
            obj.pk = None
            rows.append(obj)
            m2m.append(deserialized.m2m_data or {})
        model._base_manager.using(self.using).bulk_create(rows, batch_size=500)
        for old, obj, pending, related in zip(olds, rows, pendings, m2m, strict=True):
            self.ids[label][old] = obj.pk
            self.later += [(model, obj.pk, *link) for link in pending]
            for name, targets in related.items():
                field = model._meta.get_field(name)
                target_label = field.related_model._meta.label_lower
                getattr(obj, name).set([self.ids[target_label][target] for target in targets])
        self.counts[label] = len(rows)

    def set_later_links(self):
        for model, pk, attname, label, old in self.later:
            new = self.new_id(label, old)
            if new is None:
                raise PortabilityProblem(
                    f"A {model._meta.verbose_name} points at a row missing from the export; export the organization "
                    "again."
                )
            model._base_manager.using(self.using).filter(pk=pk).update(**{attname: new})


def import_organization(*, archive_path: Path, using: str = "default") -> Imported:
    """Load the export at `archive_path` into database `using`, as a new organization, in one transaction.

    Raises PortabilityProblem when the file is not an export, the export was made by a newer Hearth, an organization
    with its slug exists here already, or the archive is incomplete; nothing is written then (files already saved to
    storage by a failed import stay behind, unnamed by any row). The import itself is written to the new
    organization's audit log as one CREATE event by the current actor.
    """
    manifest = read_manifest(archive_path)
    if manifest.get("format") != FORMAT:
        raise PortabilityProblem(f"This export has format {manifest.get('format')}; this Hearth reads format {FORMAT}.")
    _check_migrations(manifest, using)
    if Organization.objects.using(using).filter(slug=manifest["organization"]).exists():
        raise PortabilityProblem(
            f"An organization with the slug {manifest['organization']!r} exists on this site already. "
            "To replace it, remove it first; to keep both, rename the slug of the one here."
        )
    with tarfile.open(archive_path, "r:gz") as archive, transaction.atomic(using=using), scopes_disabled():
        loader = _Loader(archive, using)
        (organization,) = loader.objects(ORGANIZATION)
        old_pk = organization.object.pk
        loader.write(ORGANIZATION, [organization])
        matched = _load_people(loader)
        for model in tenant_models():
            label = model._meta.label_lower
            loader.write(label, loader.objects(label))
        loader.set_later_links()
        loader.write(AUDIT, loader.objects(AUDIT), prepare=lambda e: _renumber_audit(e, loader))
        new_organization = Organization.objects.using(using).get(pk=loader.ids[ORGANIZATION][old_pk])
        detail = f"organization imported from an export made {manifest['made_at'][:19]}"
        event(AuditEvent.Action.CREATE, organization_id=new_organization.pk, detail=detail).save(using=using)
    return Imported(new_organization, loader.counts, matched, loader.files)


def _load_people(loader: _Loader) -> int:
    """Match the export's people by email; create the others without platform rights. Returns how many matched."""
    existing, fresh = {}, []
    for deserialized in loader.objects(USER):
        user = deserialized.object
        deserialized.m2m_data = {}  # groups and permissions are the site's, not the organization's
        match = User.objects.using(loader.using).filter(email__iexact=user.email).first()
        if match:
            existing[user.pk] = match.pk
        else:
            user.is_staff = user.is_superuser = False
            fresh.append(deserialized)
    loader.ids[USER].update(existing)
    loader.write(USER, fresh)
    for label in PERSONAL:  # only the new accounts' rows: a matched person keeps their own addresses and devices
        loader.write(label, [d for d in loader.objects(label) if d.object.user_id not in existing])
    return len(existing)


def _renumber_audit(audit_event: AuditEvent, loader: _Loader) -> None:
    """An audit event names its record and resident by id: point them at the imported rows, or, for a record that
    did not come along (it was deleted before the export), blank the id rather than name an unrelated row here."""
    if audit_event.object_id:
        new = loader.ids.get(audit_event.object_type, {}).get(_int(audit_event.object_id))
        audit_event.object_id = str(new) if new is not None else ""
    if audit_event.resident_id is not None:
        audit_event.resident_id = loader.ids[RESIDENT].get(audit_event.resident_id)
    if audit_event.actor_id is not None and audit_event.actor_id not in loader.ids[USER]:
        audit_event.actor_id = None


def _int(text):
    try:
        return int(text)
    except ValueError:
        return None
