"""Appeals of a house-rule decision as a kind of request (see `recovery.requests`): the admins and the home's house
managers decide one, on the violation's page."""

from django.urls import reverse

from governance.accountability.services import admins_and_managers_of
from governance.ladder.models import AppealStatus, Violation
from recovery.models import Role
from recovery.registry import request_kind
from residences.homes.selectors import visible_residences

LABEL = "appeal"


def deciders(violation: Violation) -> list:
    """The organization's admins and the home's house managers (`admins_and_managers_of`)."""
    return admins_and_managers_of(violation.residence_id)


def decide_url(violation_id: int) -> str:
    return reverse("governance:violation_detail", kwargs={"pk": violation_id})


@request_kind("appeal", label=LABEL, model=Violation, deciders=deciders, asked_at="appealed_at", url=decide_url)
def waiting_appeals(membership):
    """Appeals waiting for a decision in the homes this admin or house manager runs (`governance.decide_appeal`),
    never their own (a Violation queryset; none for other roles)."""
    if membership.role not in (Role.ADMIN, Role.HOUSE_MANAGER):
        return Violation.objects.none()
    return Violation.objects.filter(
        appeal_status=AppealStatus.PENDING, residence__in=visible_residences(membership)
    ).exclude(resident__user=membership.user)
