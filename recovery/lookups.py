"""The one lookup of a page's object: 404 unless it is in the organization, then the permission check.

Every object URL answers 404 for a row of another organization (the tenant scope hides it, so it is "not
found") and only then 403 for a person of this organization without the right, audited by `require()`.
Each object kind's lookup is one line over `object_or_404()`, beside its model's feature
(`residences.homes.lookups.residence_or_404`), as healthchecks' `_get_check_for_user` is.
"""

from operator import attrgetter

from django.shortcuts import get_object_or_404

from recovery.permissions import require


def object_or_404(request, queryset, permission: str, *, checked_on: str | None = None, **lookup):
    """The one row of `queryset` (a model or a queryset) matching `lookup`, or Http404; then PermissionDenied
    (audited) unless the person holds `permission` on it, or on the object at the attribute path `checked_on`
    (`"residence"`, `"plan.stay.resident"`) when the rule is written for that object.

    Runs inside the request's tenant scope (TenantMiddleware), so a row of another organization is not found.
    """
    obj = get_object_or_404(queryset, **lookup)
    require(request, permission, attrgetter(checked_on)(obj) if checked_on else obj)
    return obj
