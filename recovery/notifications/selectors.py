"""Reads the notification pages need: a person's own notifications and preferences, in the active organization."""

from recovery.notifications.models import Notification, NotificationPreference


def inbox(user):
    """This person's notifications, newest first, ready for a paginator (no joins: the page shows only them)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def request_unread_count(request) -> int:
    """`unread_count` of the person signing `request`, counted once per request: the top bar and Today both show it."""
    if not hasattr(request, "_hearth_unread_count"):
        request._hearth_unread_count = unread_count(request.user)
    return request._hearth_unread_count


def current_preference(user) -> NotificationPreference:
    """The saved preferences, or the defaults (unsaved) for a person who never changed them."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
