"""Asking to move up a phase as a kind of request (see `recovery.requests`): the home's house managers decide (its
admins when the home has none), on the resident's phase page."""

from django.urls import reverse

from recovery.registry import WaitingRequest, request_kind
from recovery.requests import organization_admins
from residences.homes.selectors import house_managers_of, visible_residences
from residents.phases.models import AdvanceRequest, AdvanceRequestStatus

LABEL = "request to move up a phase"


def deciders(advance: AdvanceRequest) -> list:
    """The house managers of the home whose phase was asked for, or the organization's admins."""
    return house_managers_of(advance.to_phase.residence_id) or organization_admins()


def decide_url(advance: AdvanceRequest) -> str:
    return reverse("residents:resident_phase", kwargs={"pk": advance.stay.resident_id})


@request_kind("phase", label=LABEL, model=AdvanceRequest, deciders=deciders)
def waiting_advance_requests(membership) -> list[WaitingRequest]:
    """Requests waiting for a decision in the homes this member runs, never their own (one query)."""
    requests = (
        AdvanceRequest.objects.filter(
            status=AdvanceRequestStatus.PENDING, to_phase__residence__in=visible_residences(membership)
        )
        .exclude(stay__resident__user=membership.user)
        .select_related("stay")
        .only("pk", "created_at", "stay__resident_id")
    )
    return [WaitingRequest(LABEL, advance.created_at, decide_url(advance)) for advance in requests]
