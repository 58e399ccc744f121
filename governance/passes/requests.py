"""Passes as a kind of request (see `recovery.requests`): the home's house managers decide them (its admins when the
home has none), and a waiting pass shows on their home page with the passes board as its link."""

from django.urls import reverse

from governance.passes.models import Pass, PassStatus
from recovery.registry import WaitingRequest, request_kind
from recovery.requests import organization_admins
from residences.homes.selectors import house_managers_of, visible_residences

LABEL = "pass request"


def deciders(pass_: Pass) -> list:
    """The home's house managers, or the organization's admins when nobody manages the home."""
    return house_managers_of(pass_.residence_id) or organization_admins()


def decide_url(pass_: Pass) -> str:
    return reverse("governance:pass_house", kwargs={"residence_pk": pass_.residence_id})


@request_kind("pass", label=LABEL, model=Pass, deciders=deciders)
def waiting_passes(membership) -> list[WaitingRequest]:
    """Passes waiting for an answer in the homes this member runs, never their own (one query)."""
    passes = (
        Pass.objects.filter(status=PassStatus.REQUESTED, residence__in=visible_residences(membership))
        .exclude(stay__resident__user=membership.user)
        .only("pk", "residence_id", "requested_at")
    )
    return [WaitingRequest(LABEL, pass_.requested_at, decide_url(pass_)) for pass_ in passes]
