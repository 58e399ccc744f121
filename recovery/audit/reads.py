"""Reads of resident data are audited by structure, not by remembering: while a request is served, every row of a
model in the registry's "resident_data" that is loaded from the database is noted (`TenantModel.from_db` calls
`note_loaded`), and when the request answers with a page (any 2xx but 204) one VIEW event per row is written, in
one INSERT, naming the row and its resident (42 CFR Part 2: every read of a resident's record is written down).

A page, an admin page (a list, a record, its history, its delete confirmation), an htmx partial and an export are
all covered alike, because all of them load the rows they show. Not written down:
- a row that an explicit `recorder.record_view()` already wrote in the same request (one row per object);
- a resident's own rows shown to themselves: Part 2 is about disclosure to others, and the "my ..." pages already
  write one event each ("own consents", "own house page");
- rows loaded by a request that answers with an error or a redirect (nothing was shown);
- rows read with `values()` / `values_list()`, which load no model instance: counts and derived signals, not the
  rows themselves (a page that lists a resident's answers loads the rows).
"""

from contextvars import ContextVar
from dataclasses import dataclass, field

from django.apps import apps
from django_scopes import scopes_disabled

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.registry import ResidentData, registry


@dataclass
class Reads:
    """What one request has loaded: {(model label, pk): instance}, and the objects already recorded as viewed."""

    loaded: dict = field(default_factory=dict)
    recorded: set = field(default_factory=set)


_reads: ContextVar[Reads | None] = ContextVar("hearth_audit_reads", default=None)
_UNKNOWN = object()
_audited: dict[str, ResidentData] = {}
_audited_from: list = []  # the registry list `_audited` was built from, and its length then


def audited_models() -> dict[str, ResidentData]:
    """{model label: its registry entry} for every model whose reads are audited (the exempt ones left out)."""
    entries = registry["resident_data"]
    if _audited_from != [id(entries), len(entries)]:
        _audited.clear()
        _audited.update({entry.model: entry for entry in entries if not entry.exempt})
        _audited_from[:] = [id(entries), len(entries)]
    return _audited


def note_loaded(instance) -> None:
    """Called for every tenant-owned row loaded from the database: remember it if a request is collecting reads
    and its model holds resident data."""
    reads = _reads.get()
    if reads is not None and instance._meta.label in audited_models():
        reads.loaded.setdefault((instance._meta.label, instance.pk), instance)


def note_recorded(obj) -> None:
    """An explicit VIEW event was written for `obj`: the request's structural events leave it out."""
    reads = _reads.get()
    if reads is not None:
        reads.recorded.add((obj._meta.label, obj.pk))


def _walk(instance, path: str, loaded: dict):
    """The value at the end of the lookup `path` ("stay__resident") from `instance`, using only what is already in
    memory (the row's own columns, its cached relations, rows loaded by this request); _UNKNOWN otherwise."""
    head, _, rest = path.partition("__")
    relation = instance._meta.get_field(head)
    if relation.attname not in instance.__dict__:
        return _UNKNOWN  # a deferred column
    value = instance.__dict__[relation.attname]
    if value is None or not rest:
        return value
    if relation.is_cached(instance):
        related = relation.get_cached_value(instance)
    else:
        related = loaded.get((relation.related_model._meta.label, value))
    return _UNKNOWN if related is None else _walk(related, rest, loaded)


def resident_id_of(obj, *, loaded: dict | None = None):
    """The id of the resident whose record `obj` is part of, from what is in memory; None when the model is not
    resident data, names several residents, or the path is not loaded (no query is made here)."""
    entry = audited_models().get(obj._meta.label)
    if entry is None or entry.resident is None:
        return None
    if entry.resident == "":
        return obj.pk
    reads = _reads.get()
    known = loaded if loaded is not None else (reads.loaded if reads is not None else {})
    value = _walk(obj, entry.resident, known)
    return None if value is _UNKNOWN else value


def _resident_ids(rows: dict) -> dict:
    """{(label, pk): resident id} for the loaded rows: from memory where it can, else one query per model."""
    found, missing = {}, {}
    for key, instance in rows.items():
        entry = audited_models()[key[0]]
        if entry.resident is None:
            found[key] = None
        elif entry.resident == "":
            found[key] = instance.pk
        else:
            value = _walk(instance, entry.resident, rows)
            if value is _UNKNOWN:
                missing.setdefault(key[0], []).append(key[1])
            else:
                found[key] = value
    with scopes_disabled():
        for label, pks in missing.items():
            path = audited_models()[label].resident
            model = apps.get_model(label)
            for pk, resident_id in model._base_manager.filter(pk__in=pks).values_list("pk", path):
                found[(label, pk)] = resident_id
    return found


def _own_resident_ids(rows: dict, user) -> set:
    """The viewer's own resident records among the loaded rows (a resident reading their own record)."""
    if user is None:
        return set()
    residents = {entry.model for entry in audited_models().values() if entry.resident == ""}
    return {pk for (label, pk), row in rows.items() if label in residents and row.__dict__.get("user_id") == user.pk}


def write_views(reads: Reads, *, actor: recorder.Actor) -> int:
    """One VIEW event per row `reads` loaded (see the module's rules), in one INSERT; returns how many."""
    rows = {key: row for key, row in reads.loaded.items() if key not in reads.recorded}
    if not rows:
        return 0
    resident_ids = _resident_ids(rows)
    own = _own_resident_ids(rows, actor.user)
    events = [
        recorder.event(
            AuditEvent.Action.VIEW,
            organization_id=row.__dict__.get("organization_id"),
            object_type=row._meta.label_lower,
            object_id=pk,
            resident_id=resident_ids.get((label, pk)),
            actor=actor,
        )
        for (label, pk), row in rows.items()
        if resident_ids.get((label, pk)) not in own
    ]
    with scopes_disabled():
        AuditEvent.objects.bulk_create(events)
    return len(events)


def shows_a_page(response) -> bool:
    return 200 <= response.status_code < 300 and response.status_code != 204


class ResidentReadsMiddleware:
    """Collect the rows of resident data a request loads and, when it answers with a page, write them down.

    Placed after `TenantMiddleware`: the actor and the tenant scope are set, and a page's lazy querysets are
    evaluated (templates rendered) before the response comes back here. A streamed response is not covered; no
    page that shows resident data streams.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = Reads()
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if shows_a_page(response) and not getattr(response, "streaming", False):
            write_views(reads, actor=recorder.current_actor())
        return response


def write_request_reads(*, actor: recorder.Actor) -> int:
    """Write the rows the current request has loaded so far as reads by `actor`, now, and mark them written (so the
    middleware does not write them again). For a request whose person is known only inside the view (the API's
    token authentication): its actor is set there, after the middleware's. Returns how many events were written;
    0 outside a request."""
    reads = _reads.get()
    if reads is None:
        return 0
    written = write_views(reads, actor=actor)
    reads.recorded.update(reads.loaded)
    return written
