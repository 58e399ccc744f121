"""Passes as a kind of request (see `recovery.requests`): the home's house managers decide them (its admins when the
home has none), and a waiting pass shows on their home page with the passes board as its link."""

from django.urls import reverse

from governance.passes.models import Pass, PassStatus
from recovery.registry import request_kind
from recovery.requests import organization_admins
from residences.homes.selectors import house_managers_of, visible_residences

LABEL = "pass request"


def deciders(pass_: Pass) -> list:
    """The home's house managers, or the organization's admins when nobody manages the home."""
    return house_managers_of(pass_.residence_id) or organization_admins()


def decide_url(residence_id: int) -> str:
    """A home's passes page, where its pass requests are answered."""
    return reverse("governance:pass_house", kwargs={"residence_pk": residence_id})


@request_kind(
    "pass", label=LABEL, model=Pass, deciders=deciders, asked_at="requested_at", key="residence_id", url=decide_url
)
def waiting_passes(membership):
    """Passes waiting for an answer in the homes this member runs, never their own (a Pass queryset)."""
    return Pass.objects.filter(status=PassStatus.REQUESTED, residence__in=visible_residences(membership)).exclude(
        stay__resident__user=membership.user
    )
