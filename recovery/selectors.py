"""Reads the platform pages need, shaped for the page."""

from django.db.models import Q
from django_scopes import scopes_disabled

from recovery.audit.models import AuditEvent
from recovery.models import Invitation, Membership
from recovery.registry import registry


def active_memberships(user) -> list[Membership]:
    """Every organization this person belongs to, for the tenant middleware and the switcher (one query)."""
    with scopes_disabled():
        return list(Membership.objects.filter(user=user, is_active=True).select_related("organization"))


def members_page():
    """The organization's people with their roles (scoped to the active organization)."""
    return Membership.objects.select_related("user").order_by("role", "user__last_name", "user__email")


def open_invitations():
    return Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True).select_related("invited_by")


def audit_events(*, action="", actor_id=None, object_type="", object_id="", resident_id=None, since=None, until=None):
    """The active organization's audit trail, newest first, with the actor joined; narrowed to one kind of record
    (`object_type`, "app_label.model"), one record (with `object_id`), or everything about one resident
    (`resident_id`: events that name the resident, and events about the resident's own record)."""
    events = AuditEvent.objects.select_related("actor")
    if action:
        events = events.filter(action=action)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if object_type:
        events = events.filter(object_type=object_type.lower())
    if object_id:
        events = events.filter(object_id=object_id)
    if resident_id:
        resident_types = [entry.model.lower() for entry in registry["resident_data"] if entry.resident == ""]
        events = events.filter(
            Q(resident_id=resident_id) | Q(object_type__in=resident_types, object_id=str(resident_id))
        )
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events
