"""Page-shaped reads for accountability: the manager's picture of their homes, and the lists behind it. Each read
is one query (plus fixed prefetches), so the pages' query counts do not grow with the history."""

from django.core.paginator import Paginator
from django.db.models import Q

from governance.grievances.models import Grievance, Mediation
from recovery.models import Role
from recovery.pagination import PAGE_SIZE
from residences.homes.selectors import visible_residences


def grievances_for(membership):
    """Grievances this person answers: all for admins; a house manager's homes', never those about the manager."""
    grievances = Grievance.objects.select_related("resident", "residence").order_by("response_due_on", "pk")
    if membership.role == Role.ADMIN:
        return grievances
    if membership.role == Role.HOUSE_MANAGER:
        return grievances.filter(residence__in=visible_residences(membership), about_house_manager=False)
    if membership.role == Role.RESIDENT:
        return grievances.filter(resident__user=membership.user)
    return grievances.none()


def grievances_page(membership, *, page_number=None):
    return Paginator(grievances_for(membership), PAGE_SIZE).get_page(page_number)


def mediations_for(membership):
    mediations = Mediation.objects.select_related("residence", "facilitator").prefetch_related("parties")
    if membership.role == Role.RESIDENT:
        return mediations.filter(Q(parties__user=membership.user) | Q(facilitator=membership.user)).distinct()
    return mediations.filter(residence__in=visible_residences(membership))
