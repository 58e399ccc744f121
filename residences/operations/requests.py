"""Maintenance requests as a kind of request (see `recovery.requests`): the home's house managers take one on (its
admins when the home has none), on the request's page; one still open waits on their home page."""

from django.urls import reverse

from recovery.registry import request_kind
from recovery.requests import organization_admins
from residences.homes.selectors import house_managers_of, visible_residences
from residences.operations.models import MaintenanceRequest, MaintenanceStatus

LABEL = "maintenance request"


def deciders(maintenance_request: MaintenanceRequest) -> list:
    """The home's house managers, or the organization's admins when nobody manages the home; never the reporter."""
    people = house_managers_of(maintenance_request.residence_id) or organization_admins()
    return [person for person in people if person.pk != maintenance_request.reported_by_id]


def decide_url(maintenance_request_id: int) -> str:
    return reverse("residences:maintenance_detail", kwargs={"pk": maintenance_request_id})


@request_kind(
    "maintenance", label=LABEL, model=MaintenanceRequest, deciders=deciders, asked_at="reported_at", url=decide_url
)
def waiting_maintenance(membership):
    """Requests nobody has taken on yet (still "open") in the homes this member runs, except their own reports (a
    MaintenanceRequest queryset)."""
    return MaintenanceRequest.objects.filter(
        status=MaintenanceStatus.OPEN, residence__in=visible_residences(membership)
    ).exclude(reported_by=membership.user)
