"""House announcements: post one for a home (or all homes) and deliver it once to each person there."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from peer_support.announcements.models import Announcement, AnnouncementDelivery
from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.tenancy import organization_today
from residences.homes.selectors import residents_living_in

NOTIFICATION_KIND = "peer_support.announcement"
NOTIFICATION_TITLE = "New house announcement"


class AnnouncementNotPosted(DomainError):
    pass


def post_announcement(*, residence, title: str, body: str, by, now=None) -> Announcement:
    """Post and deliver. Who may post for which home is the permission `peer_support.post_announcement`."""
    if not title.strip():
        raise AnnouncementNotPosted("Give the announcement a short title.")
    announcement = Announcement.objects.create(
        residence=residence, title=title.strip(), body=body, posted_by=by, posted_at=now or timezone.now()
    )
    deliver_announcement(announcement=announcement)
    return announcement


def recipients_of(announcement: Announcement) -> list:
    """Every current resident of the home (all homes: of every home) with a sign-in, and the staff: admins,
    staff, and house managers of that home. Residents' sign-ins must be active memberships here."""
    from residences.models import HouseManagerAssignment, Residence

    organization = announcement.organization
    today = organization_today(organization)
    homes = [announcement.residence] if announcement.residence_id else list(Residence.objects.all())
    living = residents_living_in(homes, on=today).filter(user__isnull=False)
    resident_user_ids = set(living.values_list("user_id", flat=True))
    managers = HouseManagerAssignment.objects.filter(residence__in=homes).values("membership_id")
    members = (
        Membership.objects.filter(is_active=True).filter(user_id__in=resident_user_ids, role=Role.RESIDENT)
        | Membership.objects.filter(is_active=True, role__in=[Role.ADMIN, Role.STAFF])
        | Membership.objects.filter(is_active=True, pk__in=managers)
    )
    return [membership.user for membership in members.select_related("user").distinct()]


def deliver_announcement(*, announcement: Announcement) -> int:
    """Notify each recipient who has not been notified of it yet; safe to run again (the unique key)."""
    from recovery.notifications.services import notify

    url = reverse("peer_support:announcement_detail", args=[announcement.pk])
    delivered = 0
    for user in recipients_of(announcement):
        if announcement.posted_by_id == user.pk:
            continue
        try:
            with transaction.atomic():
                AnnouncementDelivery.objects.create(announcement=announcement, recipient=user)
                notify(
                    recipient=user, kind=NOTIFICATION_KIND, title=NOTIFICATION_TITLE, body=announcement.title, url=url
                )
        except IntegrityError:
            continue  # already delivered to this person
        delivered += 1
    return delivered
