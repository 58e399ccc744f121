"""The one lookup of a page's object: 404 unless it is in the organization, then the permission check.

Every object URL answers 404 for a row of another organization (the tenant scope hides it, so it is "not
found") and only then 403 for a person of this organization without the right, audited by `require()`.
Each object kind's lookup is one line over `object_or_404()`, beside its model's feature
(`residences.homes.lookups.residence_or_404`), as healthchecks' `_get_check_for_user` is.

Every id read from a request (a posted or queried value, a path part) goes through here: `requested_id()` for an
optional one, `found_or_404()` / `object_or_404()` for the row it names. A malformed id (`step_id=abc`, a NUL byte,
"²", a number past a bigint) is "not found", never a server error (issue 14, item 8).
"""

import re
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from recovery.audit.models import AuditEvent
from recovery.audit.recorder import event
from recovery.permissions import require
from recovery.tenancy import TenantModel, scopes_disabled

ANOTHER_ORGANIZATIONS = "not found: the id belongs to another organization"

# A row id as a request carries it: ASCII digits only (str.isdigit() also takes "²", which int() refuses), and
# small enough for PostgreSQL's bigint.
_ID = re.compile(r"[0-9]{1,18}")


def requested_id(value) -> int | None:
    """The row id `value` names (a str from request.POST, request.GET or the path, or an int), or None when it is
    missing, empty or malformed: anything but 1 to 18 ASCII digits, or zero. Never raises.

    For an id a page may leave out ("which pass am I leaving on"); a view that needs the row calls `found_or_404()`,
    which answers 404 for the same malformed values.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value < 10**18 else None
    if not isinstance(value, str) or not _ID.fullmatch(value):
        return None
    return int(value) or None


def _is_id_lookup(name: str) -> bool:
    return name in ("pk", "id") or name.endswith(("_id", "__pk", "__id"))


def found_or_404(request, queryset, **lookup):
    """The one row of `queryset` (a model or a queryset) matching `lookup` in the request's organization, or Http404.

    A miss whose row exists in another organization is written to the audit log as DENIED under the *requesting*
    organization, naming only the kind of record (the path names the id asked for; nothing of the row is read), so
    probing for other organizations' ids shows in the log. The answer stays the same 404 as for an id that does
    not exist at all (issue 12, item 6).

    An id lookup (`pk`, `id`, `..._id`) whose value is not an id by `requested_id()` is a 404 too, without a query;
    any other value the database cannot compare (a malformed UUID or date) is a 404 as well (issue 14, item 8).
    """
    for name, value in lookup.items():
        if _is_id_lookup(name) and not hasattr(value, "pk") and requested_id(value) is None:
            raise Http404("No such record.")
    try:
        return get_object_or_404(queryset, **lookup)
    except (ValueError, TypeError, ValidationError) as malformed:
        raise Http404("No such record.") from malformed
    except Http404:
        model = getattr(queryset, "model", queryset)
        organization = getattr(request, "organization", None)
        if issubclass(model, TenantModel) and organization is not None:
            with scopes_disabled():
                elsewhere = model._base_manager.filter(**lookup).exclude(organization=organization).exists()
            if elsewhere:
                denied = event(
                    AuditEvent.Action.DENIED,
                    organization_id=organization.pk,
                    object_type=model._meta.label_lower,
                    detail=ANOTHER_ORGANIZATIONS,
                )
                denied.save()
        raise


def object_or_404(request, queryset, permission: str, *, checked_on: str | None = None, **lookup):
    """The one row of `queryset` (a model or a queryset) matching `lookup`, or Http404; then PermissionDenied
    (audited) unless the person holds `permission` on it, or on the object at the attribute path `checked_on`
    (`"residence"`, `"plan.stay.resident"`) when the rule is written for that object.

    Runs inside the request's tenant scope (TenantMiddleware), so a row of another organization is not found.
    """
    obj = found_or_404(request, queryset, **lookup)
    require(request, permission, attrgetter(checked_on)(obj) if checked_on else obj)
    return obj
