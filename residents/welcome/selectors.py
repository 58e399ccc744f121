"""Reads for the resident's welcome page: the next steps after admission, who may be linked, open invitations."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from recovery.models import Invitation, Membership, Role
from residences.homes.selectors import home_of
from residences.house_rules.selectors import acknowledgement_of, current_rules
from residences.ledger.selectors import has_signed_disclosure
from residences.stays.selectors import open_stay_of
from residents.profiles.models import Resident


@dataclass(frozen=True)
class NextStep:
    """One thing to do after admission, done or not; `url` leads to where it is done (empty for this page)."""

    label: str
    done: bool
    note: str = ""
    url: str = ""


def open_invitations_of(resident: Resident):
    """The resident's invitations that could still be accepted (not accepted, withdrawn or expired)."""
    return Invitation.objects.filter(
        for_resident__resident=resident,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("for_resident")


def sign_in_candidates():
    """Active resident accounts of the organization whose sign-in is not joined to any resident record yet."""
    linked = Resident.objects.filter(user__isnull=False).values("user_id")
    return (
        Membership.objects.filter(role=Role.RESIDENT, is_active=True)
        .exclude(user_id__in=linked)
        .select_related("user")
        .order_by("user__email")
    )


def next_steps(resident: Resident) -> list[NextStep]:
    """After admission, in order: the fee disclosure signed (no charge before it: a certification rule), the
    home's current house rules acknowledged, and the resident signed in (or at least invited). Empty without an
    open stay. A fixed number of queries, whatever the data."""
    stay = open_stay_of(resident)
    if stay is None:
        return []
    home = home_of(stay=stay, on=None, latest=True)
    rules = current_rules(home) if home is not None else None
    invitation = open_invitations_of(resident).first() if resident.user_id is None else None
    sign_in_note = ""
    if invitation is not None:
        sent = timezone.localtime(invitation.created_at)
        channel = invitation.for_resident.get_channel_display().lower()
        sign_in_note = f"Invited {channel} on {sent:%B %-d}; not accepted yet."
    return [
        NextStep(
            "Fee disclosure signed",
            has_signed_disclosure(stay),
            url=reverse("residences:prepare_disclosure", args=[stay.pk]),
        ),
        NextStep(
            "House rules signed",
            rules is not None and acknowledgement_of(resident, rules) is not None,
            note="" if rules is not None else "The home has no house rules published yet.",
            url=reverse("residences:house_rules", args=[home.pk]) if home is not None else "",
        ),
        NextStep("Welcome sheet given (or invited) and signed in", resident.user_id is not None, sign_in_note),
    ]
