"""Page-shaped reads for accountability: the manager's picture of their homes, and the lists behind it. Each read
is one query (plus fixed prefetches), so the pages' query counts do not grow with the history."""

from django.core.paginator import Paginator
from django.db.models import Prefetch

from governance.incidents.models import FollowUpAction, Incident
from recovery.models import Role
from recovery.pagination import PAGE_SIZE
from residences.homes.selectors import home_residence_id, residents_living_in, visible_residences
from residences.models import Residence
from residents.models import Resident
from residents.profiles.selectors import visible_residents
from residents.sensitivity import can_see_class, class_of


def incidents_for(membership, *, open_only=False):
    """Incidents this person may list: their homes' for staff; for a resident, the ones they reported. With
    `open_only`, the unresolved ones alone. The list page and its export read this."""
    incidents = Incident.objects.select_related("residence", "reported_by").order_by("-occurred_at", "-pk")
    if open_only:
        incidents = incidents.filter(resolved_at__isnull=True)
    if membership.role == Role.RESIDENT:
        return incidents.filter(reported_by=membership.user)
    if not can_see_class(membership, class_of("governance.Incident")):
        return incidents.none()
    return incidents.filter(residence__in=visible_residences(membership))


def home_incidents_for_resident(membership):
    """Incidents of a resident's home in outline (kind, date, whether reviewed): anyone may call a review."""
    home_id = home_residence_id(membership)
    if home_id is None:
        return Incident.objects.none()
    return Incident.objects.filter(residence_id=home_id).order_by("-occurred_at", "-pk").prefetch_related("reviews")


def report_choices(membership, *, today):
    """(homes, residents) a reporter may name in an incident: a resident, their own home and housemates; a coach, any
    home but no residents' names; the people who look after homes, those homes and their residents (`today` is the
    organization's date). Both are unevaluated querysets."""
    if membership.role == Role.RESIDENT:
        home_id = home_residence_id(membership)
        homes = Residence.objects.filter(pk=home_id) if home_id else Residence.objects.none()
        home = homes.first()
        residents = residents_living_in(home, on=today) if home else Resident.objects.none()
        return homes, residents
    if membership.role == Role.COACH:
        # A coach may report about any home, but does not get the residents' names to pick from.
        return Residence.objects.all(), Resident.objects.none()
    return visible_residences(membership), visible_residents(membership, today=today)


def incidents_page(membership, *, page_number=None, open_only=False):
    return Paginator(incidents_for(membership, open_only=open_only), PAGE_SIZE).get_page(page_number)


def incident_detail(pk):
    return Incident.objects.select_related("residence", "reported_by", "resolved_by").prefetch_related(
        "involved",
        "witnesses",
        "reviews",
        Prefetch("actions", queryset=FollowUpAction.objects.select_related("owner").order_by("due_on", "pk")),
    )
