"""Reads the platform pages need, shaped for the page."""

from django_scopes import scopes_disabled

from recovery.audit.models import AuditEvent
from recovery.models import Invitation, Membership


def active_memberships(user) -> list[Membership]:
    """Every organization this person belongs to, for the tenant middleware and the switcher (one query)."""
    with scopes_disabled():
        return list(Membership.objects.filter(user=user, is_active=True).select_related("organization"))


def members_page():
    """The organization's people with their roles (scoped to the active organization)."""
    return Membership.objects.select_related("user").order_by("role", "user__last_name", "user__email")


def open_invitations():
    return Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True).select_related("invited_by")


def audit_events(*, action="", actor_id=None, object_type="", since=None, until=None):
    """The active organization's audit trail, newest first, with the actor joined."""
    events = AuditEvent.objects.select_related("actor")
    if action:
        events = events.filter(action=action)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if object_type:
        events = events.filter(object_type=object_type)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events
