"""The one lookup of a page's object: 404 unless it is in the organization, then the permission check.

Every object URL answers 404 for a row of another organization (the tenant scope hides it, so it is "not
found") and only then 403 for a person of this organization without the right, audited by `require()`.
Each object kind's lookup is one line over `object_or_404()`, beside its model's feature
(`residences.homes.lookups.residence_or_404`), as healthchecks' `_get_check_for_user` is.
"""

from operator import attrgetter

from django.http import Http404
from django.shortcuts import get_object_or_404

from recovery.audit.models import AuditEvent
from recovery.audit.recorder import event
from recovery.permissions import require
from recovery.tenancy import TenantModel, scopes_disabled

ANOTHER_ORGANIZATIONS = "not found: the id belongs to another organization"


def found_or_404(request, queryset, **lookup):
    """The one row of `queryset` (a model or a queryset) matching `lookup` in the request's organization, or Http404.

    A miss whose row exists in another organization is written to the audit log as DENIED under the *requesting*
    organization, naming only the kind of record (the path names the id asked for; nothing of the row is read), so
    probing for other organizations' ids shows in the log. The answer stays the same 404 as for an id that does
    not exist at all (issue 12, item 6).
    """
    try:
        return get_object_or_404(queryset, **lookup)
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
