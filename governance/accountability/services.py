"""What the accountability parts share: notify a person once per occurrence, and who is told about a home."""

from django.db import transaction

from governance.accountability.models import AccountabilityNotice
from recovery.models import Membership, Role
from recovery.notifications.services import notify
from recovery.tenancy import organization_today  # noqa: F401 - one clock for every part; callers use services.organization_today()
from residences.homes.selectors import house_managers_of


def admins() -> list:
    """The organization's active admins (the current scope's)."""
    memberships = Membership.objects.filter(role=Role.ADMIN, is_active=True).select_related("user")
    return [membership.user for membership in memberships.order_by("pk")]


def admins_and_managers_of(residence) -> list:
    """Who is told about something in a home: the organization's active admins, then the home's house managers
    (`residences.homes.selectors.house_managers_of`), each person once."""
    people = {user.pk: user for user in admins() + house_managers_of(residence)}
    return list(people.values())


def notify_once(*, key: str, recipient, kind: str, title: str, url: str = "", urgent: bool = False) -> bool:
    """Notify `recipient` about occurrence `key` unless they already were: True when it went out now.

    The notice row (unique per key and person) is written first, in the same transaction as the notification,
    so a task that runs twice, or two workers at once, notify once.
    """
    with transaction.atomic():
        _notice, created = AccountabilityNotice.objects.get_or_create(key=key, recipient=recipient)
        if not created:
            return False
        if not Membership.objects.filter(user=recipient, is_active=True).exists():
            return False
        notify(recipient=recipient, kind=kind, title=title, url=url, urgent=urgent)
    return True
