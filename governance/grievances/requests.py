"""Grievances as a kind of request (see `recovery.requests`): the admins and the home's house managers answer one
(the admins alone when it is about the house manager; `services.recipients_of`), on the grievance's page."""

from django.urls import reverse

from governance.grievances.models import Grievance, GrievanceRoute
from governance.grievances.services import recipients_of
from recovery.models import Role
from recovery.registry import WaitingRequest, request_kind
from residences.homes.selectors import visible_residences

LABEL = "grievance"


def decide_url(grievance: Grievance) -> str:
    return reverse("governance:grievance_detail", kwargs={"pk": grievance.pk})


@request_kind("grievance", label=LABEL, model=Grievance, deciders=recipients_of)
def waiting_grievances(membership) -> list[WaitingRequest]:
    """Open grievances this member answers (`governance.view_grievance`'s `answers_grievance`): every one for an
    admin; the house's ones in their homes for a house manager; none for anyone else. Never one they filed (one query,
    none for a role that answers none)."""
    if membership.role not in (Role.ADMIN, Role.HOUSE_MANAGER):
        return []
    open_ones = Grievance.objects.filter(closed_at__isnull=True).exclude(filed_by=membership.user)
    if membership.role == Role.HOUSE_MANAGER:
        open_ones = open_ones.filter(route=GrievanceRoute.HOUSE, residence__in=visible_residences(membership))
    return [
        WaitingRequest(LABEL, grievance.created_at, decide_url(grievance))
        for grievance in open_ones.only("pk", "created_at")
    ]
