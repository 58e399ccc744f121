"""Grievances as a kind of request (see `recovery.requests`): the admins and the home's house managers answer one
(the admins alone when it is about the house manager; `services.recipients_of`), on the grievance's page."""

from django.urls import reverse

from governance.grievances.models import Grievance, GrievanceRoute
from governance.grievances.services import recipients_of
from recovery.models import Role
from recovery.registry import request_kind
from residences.homes.selectors import visible_residences

LABEL = "grievance"


def decide_url(grievance_id: int) -> str:
    return reverse("governance:grievance_detail", kwargs={"pk": grievance_id})


@request_kind("grievance", label=LABEL, model=Grievance, deciders=recipients_of, asked_at="created_at", url=decide_url)
def waiting_grievances(membership):
    """Open grievances this member answers (`governance.view_grievance`'s `answers_grievance`): every one for an
    admin; the house's ones in their homes for a house manager; none for anyone else. Never one they filed (a
    Grievance queryset, empty for a role that answers none)."""
    if membership.role not in (Role.ADMIN, Role.HOUSE_MANAGER):
        return Grievance.objects.none()
    open_ones = Grievance.objects.filter(closed_at__isnull=True).exclude(filed_by=membership.user)
    if membership.role == Role.HOUSE_MANAGER:
        open_ones = open_ones.filter(route=GrievanceRoute.HOUSE, residence__in=visible_residences(membership))
    return open_ones
