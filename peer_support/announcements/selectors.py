"""Reads for announcements: the ones a person may see, newest first."""

from django.core.paginator import Paginator
from django.db.models import Q

from peer_support.announcements.models import Announcement
from recovery.models import Role
from residences.homes.selectors import assigned_residence_ids, home_residence_id
from residences.models import Residence

ANNOUNCE = "peer_support.post_announcement"


def visible_announcements(membership):
    announcements = Announcement.objects.select_related("residence", "posted_by")
    if membership.role == Role.RESIDENT:
        return announcements.filter(Q(residence__isnull=True) | Q(residence_id=home_residence_id(membership)))
    if membership.role == Role.HOUSE_MANAGER:
        return announcements.filter(Q(residence__isnull=True) | Q(residence__in=assigned_residence_ids(membership)))
    if membership.role in (Role.ADMIN, Role.STAFF):
        return announcements
    return announcements.filter(residence__isnull=True)


def announcements_page(membership, *, page_number):
    return Paginator(visible_announcements(membership).order_by("-posted_at", "-pk"), 20).get_page(page_number)


def homes_to_post_in(user):
    """The homes this person may post for: those `peer_support.post_announcement` allows (so when governance
    extends the permission with house officers, their homes appear here without a change)."""
    allowed = [home.pk for home in Residence.objects.order_by("name") if user.has_perm(ANNOUNCE, home)]
    return Residence.objects.filter(pk__in=allowed).order_by("name")
