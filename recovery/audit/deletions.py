"""Deletions leave a trail: every row a delete removes, the rows its cascade removes included, and every row a
`SET_NULL` changes on the way, is written to the audit log, one event per row (issue 15, item 7).

Django's `Collector` works out what a delete reaches before it deletes anything; `delete_with_trail()` reads the
collection (model label, id, organization and, for resident data, the resident), deletes, and writes the events in
the same transaction, so a delete that fails leaves no events and a delete that succeeds cannot leave none. The
tenant base (`TenantModel.delete`, `TenantQuerySet.delete`) and every admin of the site delete through it.
"""

from django.db import models, router, transaction
from django.db.models.deletion import Collector

from recovery.audit import reads, recorder
from recovery.audit.models import AuditEvent


def delete_with_trail(objs, *, using=None, origin=None, keep_parents=False) -> tuple[int, dict[str, int]]:
    """Delete `objs` (a queryset, or a list of saved instances of one model) and what their deletion cascades to,
    writing one DELETE event per removed row and one UPDATE event (naming the field) per row a `SET_NULL` or
    `SET_DEFAULT` changes. Events carry the model label, the id, the row's organization (none for a platform row
    such as a user) and, for resident data, the resident; `detail` says only whether the row was asked for or
    reached by the cascade of which row kind, never a value of the row.

    Returns Django's `(total removed, {model label: count})`. Raises `ProtectedError` / `RestrictedError` like
    Django's delete when a kept record points at what would be removed; then nothing is deleted or written.
    """
    if isinstance(objs, models.QuerySet):
        model = objs.model
        asked = set(objs.values_list("pk", flat=True))
    else:
        objs = list(objs)
        if not objs:
            return 0, {}
        model = type(objs[0])
        asked = {obj.pk for obj in objs}
    using = using or router.db_for_write(model)
    with transaction.atomic(using=using):
        collector = Collector(using=using, origin=origin)
        collector.collect(objs, keep_parents=keep_parents)
        events = _events_for(collector, asked_label=model._meta.label_lower, asked=asked)
        result = collector.delete()
        AuditEvent._base_manager.using(using).bulk_create(events)
    return result


def _events_for(collector: Collector, *, asked_label: str, asked: set) -> list[AuditEvent]:
    """The unsaved events of what `collector` is about to remove and change, computed before it does."""
    cascade = f"cascade of {asked_label}"
    found = []
    for model, instances in collector.data.items():
        label = model._meta.label_lower
        for obj in instances:
            kind = "" if label == asked_label and obj.pk in asked else cascade
            organization_id, resident_id = getattr(obj, "organization_id", None), reads.resident_id_of(obj)
            found.append((AuditEvent.Action.DELETE, label, obj.pk, organization_id, kind, (), resident_id))
    for queryset in collector.fast_deletes:
        label = queryset.model._meta.label_lower
        for pk, organization_id, resident_id in _rows_of(queryset):
            kind = "" if label == asked_label and pk in asked else cascade
            found.append((AuditEvent.Action.DELETE, label, pk, organization_id, kind, (), resident_id))
    for (field, _value), batches in collector.field_updates.items():
        for batch in batches:
            rows = _rows_of(batch) if isinstance(batch, models.QuerySet) else _instance_rows(batch)
            for pk, organization_id, resident_id in rows:
                label = field.model._meta.label_lower
                found.append(
                    (AuditEvent.Action.UPDATE, label, pk, organization_id, cascade, (field.name,), resident_id)
                )
    return [
        recorder.event(
            action,
            organization_id=organization_id,
            object_type=label,
            object_id=pk,
            resident_id=resident_id,
            changed_fields=changed,
            detail=detail,
        )
        for action, label, pk, organization_id, detail, changed, resident_id in found
    ]


def _rows_of(queryset) -> list[tuple]:
    """(pk, organization id or None, resident id or None) of every row of `queryset`, in one query."""
    model = queryset.model
    has_organization = any(field.name == "organization" for field in model._meta.concrete_fields)
    entry = reads.audited_models().get(model._meta.label)
    resident_path = None
    if entry is not None and entry.resident is not None:
        resident_path = entry.resident or "pk"
    columns = ["pk", "organization_id" if has_organization else "pk", resident_path or "pk"]
    return [
        (pk, organization_id if has_organization else None, resident_id if resident_path else None)
        for pk, organization_id, resident_id in queryset.values_list(*columns)
    ]


def _instance_rows(instances) -> list[tuple]:
    return [(obj.pk, getattr(obj, "organization_id", None), reads.resident_id_of(obj)) for obj in instances]
