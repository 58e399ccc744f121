"""Asking to move up a phase as a kind of request (see `recovery.requests`): the home's house managers decide (its
admins when the home has none), on the resident's phase page."""

from django.urls import reverse

from recovery.registry import request_kind
from recovery.requests import organization_admins
from residences.homes.selectors import house_managers_of, visible_residences
from residents.phases.models import AdvanceRequest, AdvanceRequestStatus

LABEL = "request to move up a phase"


def deciders(advance: AdvanceRequest) -> list:
    """The house managers of the home whose phase was asked for, or the organization's admins."""
    return house_managers_of(advance.to_phase.residence_id) or organization_admins()


def decide_url(resident_id: int) -> str:
    """The resident's phase page, where their requests to move up are decided."""
    return reverse("residents:resident_phase", kwargs={"pk": resident_id})


@request_kind(
    "phase",
    label=LABEL,
    model=AdvanceRequest,
    deciders=deciders,
    asked_at="created_at",
    key="stay__resident_id",
    url=decide_url,
)
def waiting_advance_requests(membership):
    """Requests waiting for a decision in the homes this member runs, never their own (an AdvanceRequest queryset)."""
    return AdvanceRequest.objects.filter(
        status=AdvanceRequestStatus.PENDING, to_phase__residence__in=visible_residences(membership)
    ).exclude(stay__resident__user=membership.user)
