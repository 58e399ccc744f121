"""Writing audit events. Who is acting comes from a context variable: set per request by the tenant
middleware, and by tasks and commands with `acting_as()`; with nobody set, the actor is "system"."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property

from recovery.audit.models import AuditEvent
from recovery.network import client_ip
from recovery.redaction import redact


@dataclass(frozen=True)
class Actor:
    user: object = None
    kind: str = AuditEvent.ActorKind.SYSTEM
    label: str = ""
    ip_address: str | None = None
    user_agent: str = ""
    path: str = ""

    @cached_property
    def redacted_path(self) -> str:
        """`path` with its secrets redacted (`recovery.redaction`), worked out once per actor, i.e. once per request:
        redacting resolves the path against the URLconf, and a page of fifty records writes fifty events."""
        return redact(self.path)[:200]


_actor: ContextVar[Actor | None] = ContextVar("hearth_audit_actor", default=None)
_NOBODY = Actor()
# While `noting_creates()` runs: the (model label, id) of every row whose CREATE event is written, in order.
_created: ContextVar[list | None] = ContextVar("hearth_audit_created", default=None)


@contextmanager
def acting_as(actor: Actor):
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


def task_actor(name: str) -> Actor:
    return Actor(kind=AuditEvent.ActorKind.TASK, label=name[:100])


def command_actor(name: str) -> Actor:
    return Actor(kind=AuditEvent.ActorKind.COMMAND, label=name[:100])


def actor_from_request(request) -> Actor:
    user = getattr(request, "user", None)  # the request of a sign-in signal may not carry one yet
    user = user if user is not None and user.is_authenticated else None
    kind = AuditEvent.ActorKind.PERSON if user else AuditEvent.ActorKind.SYSTEM
    if user is not None and user.is_staff and request.path.startswith("/admin/"):
        kind = AuditEvent.ActorKind.PLATFORM_STAFF
    return Actor(
        user=user,
        kind=kind,
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        path=request.path,
    )


@contextmanager
def noting_creates():
    """Collect, in the order they were written, the (model label, id) of every row created inside the block, as its
    CREATE event names it (every tenant row's create is audited): what a verb made, its side effects included, for
    a spreadsheet import to undo. Yields the list, filled as the block runs."""
    created = []
    token = _created.set(created)
    try:
        yield created
    finally:
        _created.reset(token)


def current_actor() -> Actor:
    return _actor.get() or _NOBODY


def event(
    action, *, organization_id, object_type="", object_id="", resident_id=None, changed_fields=(), detail="", actor=None
):
    """An unsaved audit event by `actor` (the current one by default), for `record()` and bulk writers."""
    actor = actor or current_actor()
    created = _created.get()
    if created is not None and action == AuditEvent.Action.CREATE and object_type and object_id not in ("", None):
        created.append((object_type, str(object_id)))
    return AuditEvent(
        organization_id=organization_id,
        actor=actor.user,
        actor_kind=actor.kind,
        actor_label=actor.label,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else "",
        resident_id=resident_id,
        changed_fields=list(changed_fields),
        detail=detail[:200],
        ip_address=actor.ip_address,
        user_agent=actor.user_agent,
        # Redacted here, when an event is written, not per request: most requests write no event.
        path=actor.redacted_path,
    )


def record(action, *, obj=None, organization=None, object_id=None, changed_fields=(), detail="", actor=None):
    """Write one audit event about `obj` (or about the organization alone, when there is no object). An event about
    a row of resident data names its resident, when that is known without a query (`reads.resident_id_of`)."""
    from recovery.audit import reads  # reads writes through this module

    organization_id = getattr(organization, "pk", organization)
    object_type, resident_id = "", None
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        organization_id = organization_id or getattr(obj, "organization_id", None)
        resident_id = reads.resident_id_of(obj)
        if action == AuditEvent.Action.VIEW:
            reads.note_recorded(obj)
    written = event(
        action,
        organization_id=organization_id,
        object_type=object_type,
        object_id=object_id if object_id is not None else "",
        resident_id=resident_id,
        changed_fields=changed_fields,
        detail=detail,
        actor=actor,
    )
    written.save()
    return written


def record_bulk(model, action, rows, *, changed_fields=()):
    """One event per (pk, organization_id) row of a bulk create, update or delete."""
    events = [
        event(
            action,
            organization_id=organization_id,
            object_type=model._meta.label_lower,
            object_id=pk,
            changed_fields=changed_fields,
        )
        for pk, organization_id in rows
    ]
    AuditEvent.objects.bulk_create(events)


def record_view(obj, *, detail=""):
    """A person looked at a record (every view of a resident's record is written down)."""
    return record(AuditEvent.Action.VIEW, obj=obj, detail=detail)


def record_denied(*, organization=None, permission="", obj=None):
    return record(AuditEvent.Action.DENIED, obj=obj, organization=organization, detail=permission)
