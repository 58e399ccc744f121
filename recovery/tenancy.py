"""Row-level tenancy: the base every tenant-owned model inherits, and the scope every query runs in.

Built on django-scopes: a tenant-owned model's default manager refuses to query unless a scope is active, and
inside one it sees only the scope's organization. Requests enter the scope in `TenantMiddleware`; Celery
tasks and management commands enter it explicitly with `tenant_scope(organization)`.
"""

from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django.db import models, router, transaction
from django.utils import timezone
from django_scopes import ScopedManager, get_scope, scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from recovery.audit.reads import note_loaded

__all__ = [
    "CrossTenantRelation",
    "ScopeError",
    "TenantModel",
    "current_organization",
    "scopes_disabled",
    "tenant_scope",
]


class CrossTenantRelation(ValueError):
    """A tenant-owned row was about to point at a row of another organization."""


@contextmanager
def tenant_scope(organization):
    """Run the block inside one organization's scope. Never None: an empty scope would mean every tenant."""
    if organization is None or getattr(organization, "pk", None) is None:
        raise ScopeError("tenant_scope() needs a saved organization.")
    with scope(organization=organization):
        yield organization


def current_organization():
    """The organization of the active scope, or None when no scope (or a disabled one) is active."""
    active = get_scope()
    if not active.get("_enabled", True):
        return None
    return active.get("organization")


def organization_now(organization=None, *, at: datetime | None = None) -> datetime:
    """The moment `at` (an aware datetime; default now) on `organization`'s clock, else the active scope's (the
    server's zone outside one).

    The one clock of Hearth: a house turns the day at its own midnight, in its organization's time zone.
    """
    organization = organization or current_organization()
    return timezone.localtime(at or timezone.now(), organization.time_zone if organization else None)


def organization_today(organization=None, *, at: datetime | None = None) -> date:
    """The date of `at` (default now) on `organization`'s clock, else the active scope's; see `organization_now()`."""
    return organization_now(organization, at=at).date()


def home_time_zone(residence, *, organization=None) -> tzinfo:
    """The time zone a home lives by: its own (`Residence.time_zone`), else its organization's.

    `residence` is any residence-like object with `time_zone`, `organization` and `organization_id` (None: the
    active scope's organization's clock, as `organization_now()`). The home's organization is taken from
    `organization` or the active scope when it is the same one, to spare a query. Issue 15, item 6: a Denver home
    in a New York organization keeps Denver's clock.
    """
    if residence is not None and residence.time_zone:
        return residence.time_zone
    organization = organization or current_organization()
    if residence is not None and (organization is None or organization.pk != residence.organization_id):
        organization = residence.organization
    return organization.time_zone if organization else timezone.get_current_timezone()


def home_now(residence, *, at: datetime | None = None) -> datetime:
    """The moment `at` (an aware datetime; default now) on the home's clock (`home_time_zone()`)."""
    return timezone.localtime(at or timezone.now(), home_time_zone(residence))


def home_today(residence, *, at: datetime | None = None) -> date:
    """The date of `at` (default now) on the home's clock: a home turns the day at its own midnight."""
    return home_now(residence, at=at).date()


def viewer_today(request) -> date:
    """Today on the clock of the person asking: the one home they belong to (`request.viewer_home`, which
    `recovery.middleware.request_time_zone` sets: a resident's home, a house manager's only home), else their
    organization's (`request.organization`). For a resident's own pages: their chores week, rules and balance turn
    at their home's midnight (issue 15, item 6)."""
    home = getattr(request, "viewer_home", None)
    if home is not None:
        return home_today(home)
    return organization_today(getattr(request, "organization", None))


def at_wall_time(day: date, wall_time: time, time_zone: tzinfo) -> datetime:
    """The aware moment that reads `wall_time` on `day` in `time_zone`, across daylight-saving changes.

    A wall time that does not exist (the hour skipped in spring, e.g. 02:30 in New York) moves forward by the
    gap (03:30 daylight time); one that happens twice (the hour repeated in autumn) is its first occurrence
    (fold=0, daylight time). Both follow PEP 495: the result is normalised through UTC so it is a real instant.
    """
    naive = datetime.combine(day, wall_time.replace(tzinfo=None, fold=0))
    return naive.replace(tzinfo=time_zone).astimezone(UTC).astimezone(time_zone)


def next_occurrence(wall_time: time, *, after: datetime, time_zone: tzinfo) -> datetime:
    """The first moment strictly after `after` (aware) whose wall clock in `time_zone` reads `wall_time`.

    So a curfew of 00:00 or 01:00 seen at 09:00 is tonight's, never this morning's; the result is always
    after `after` and at most 24 hours later (25 on the day the clocks go back). Wall times are resolved with
    `at_wall_time()` (a skipped time moves forward, a repeated one is its first occurrence).
    """
    local = timezone.localtime(after, time_zone)
    today = at_wall_time(local.date(), wall_time, time_zone)
    return today if today > after else at_wall_time(local.date() + timedelta(days=1), wall_time, time_zone)


def row_for_task(model, pk, *related):
    """The tenant row `model` with id `pk` (its organization and `related` joined), or None when it is gone.

    For Celery tasks, which take ids and find their row before they enter its organization's scope
    (`tenant_scope(row.organization)`): the lookup itself runs with scopes disabled.
    """
    with scopes_disabled():
        return model.objects.select_related("organization", *related).filter(pk=pk).first()


class TenantQuerySet(models.QuerySet):
    """Bulk writes are audited like single saves, so no path changes tenant data unrecorded."""

    def update(self, **kwargs):
        from recovery.audit import recorder

        with transaction.atomic(using=self.db):
            rows = list(self.values_list("pk", "organization_id"))
            count = super().update(**kwargs)
            recorder.record_bulk(self.model, "update", rows, changed_fields=sorted(kwargs))
        return count

    update.queryset_only = True

    def delete(self):
        """Delete these rows like `QuerySet.delete()`, writing one audit event per row removed, the cascade
        included (`recovery.audit.deletions`)."""
        from recovery.audit.deletions import delete_with_trail

        self._not_support_combined_queries("delete")
        if self.query.is_sliced:
            raise TypeError("Cannot use 'limit' or 'offset' with delete().")
        if self.query.distinct_fields:
            raise TypeError("Cannot call delete() after .distinct(*fields).")
        if self._fields is not None:
            raise TypeError("Cannot call delete() after .values() or .values_list()")
        del_query = self._chain()
        del_query._for_write = True
        del_query.query.select_for_update = False
        del_query.query.select_related = False
        del_query.query.clear_ordering(force=True)
        result = delete_with_trail(del_query, using=del_query.db, origin=self)
        self._result_cache = None
        return result

    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        from recovery.audit import recorder

        objs = list(objs)  # a generator would be used up by the checks below
        organization = current_organization()
        for obj in objs:
            if obj.organization_id is None:
                if organization is None:
                    raise ScopeError("Creating tenant rows needs an active tenant scope.")
                obj.organization = organization
            obj.reject_cross_tenant_relations()
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            recorder.record_bulk(self.model, "create", [(obj.pk, obj.organization_id) for obj in created])
        return created


TenantManager = models.Manager.from_queryset(TenantQuerySet)


class TenantModel(models.Model):
    """A row owned by one organization.

    - its default manager refuses to query outside a tenant scope, and filters by the scope inside one;
    - saving sets the organization from the active scope, and refuses a row of another organization;
    - it never points at another organization's row (checked on save for every tenant-owned foreign key);
    - every create, change and delete is written to the audit log, naming changed fields, never values; a delete
      writes one event for every row its cascade removes too.

    Unique constraints on subclasses must include `organization`.
    """

    organization = models.ForeignKey("recovery.Organization", on_delete=models.PROTECT, related_name="+", db_index=True)

    objects = ScopedManager(organization="organization", _manager_class=TenantManager)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from recovery.audit import recorder

        organization = current_organization()
        if self.organization_id is None:
            if organization is None:
                raise ScopeError(f"Saving a {self._meta.verbose_name} needs an active tenant scope.")
            self.organization = organization
        elif organization is not None and self.organization_id != organization.pk:
            raise CrossTenantRelation(f"This {self._meta.verbose_name} belongs to another organization.")
        self.reject_cross_tenant_relations()

        creating = self._state.adding
        changed = self.changed_fields()
        if kwargs.get("update_fields") is not None:
            changed = sorted(set(changed) & {self._meta.get_field(name).name for name in kwargs["update_fields"]})
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if creating or changed:
                recorder.record("create" if creating else "update", obj=self, changed_fields=changed)
        self._loaded_values = {field.attname: getattr(self, field.attname) for field in self._meta.concrete_fields}

    def delete(self, using=None, keep_parents=False):
        """Delete this row like `Model.delete()`, writing one audit event per row removed, the cascade included
        (`recovery.audit.deletions`)."""
        from recovery.audit.deletions import delete_with_trail

        if self.pk is None:
            raise ValueError(f"{self._meta.object_name} object can't be deleted because its id is None.")
        using = using or router.db_for_write(self.__class__, instance=self)
        return delete_with_trail([self], using=using, origin=self, keep_parents=keep_parents)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember what was loaded, so a save can name exactly the fields it changes.
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        # A row of resident data loaded while serving a page is written to the audit log as a read.
        note_loaded(instance)
        return instance

    def changed_fields(self) -> list[str]:
        loaded = getattr(self, "_loaded_values", None)
        if loaded is None:
            return sorted(field.name for field in self._meta.concrete_fields if not field.primary_key)
        return sorted(
            field.name
            for field in self._meta.concrete_fields
            if field.attname in loaded and loaded[field.attname] != getattr(self, field.attname)
        )

    def reject_cross_tenant_relations(self):
        """Raise CrossTenantRelation if a tenant-owned foreign key points into another organization."""
        loaded = getattr(self, "_loaded_values", {})
        for field in self._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one) or not issubclass(field.related_model, TenantModel):
                continue
            target_id = getattr(self, field.attname)
            if target_id is None or (field.attname in loaded and loaded[field.attname] == target_id):
                continue  # unset, or unchanged since it was loaded (and checked)
            if field.is_cached(self):
                target_organization_id = field.get_cached_value(self).organization_id
            else:
                target_organization_id = (
                    field.related_model._base_manager.filter(pk=target_id)
                    .values_list("organization_id", flat=True)
                    .first()
                )
            if target_organization_id != self.organization_id:
                raise CrossTenantRelation(
                    f"{self._meta.verbose_name} cannot point at a {field.verbose_name} of another organization."
                )
