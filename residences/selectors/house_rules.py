"""Reads for the house rules pages: the current version, who in the house has acknowledged it, and which house a
signed-in resident lives in (which is also the predicate that lets them read its rules)."""

from dataclasses import dataclass
from datetime import date

import rules
from django.db.models import Count, Prefetch
from django.utils import timezone

from recovery.models import Role
from recovery.rules import membership_of
from residences.homes.selectors import current_stay_in
from residences.models import BedAssignment, HouseRuleVersion, Residence, RuleAcknowledgement
from residents.models import Resident


def local_today(organization) -> date:
    """Today on the organization's clock: a house in Denver and one in New York turn the day at their midnight."""
    return timezone.localdate(timezone=organization.time_zone)


def residents_living_in(residence: Residence, *, today: date):
    """Residents whose open stay has its current bed in this home."""
    return Resident.objects.filter(pk__in=current_stay_in(residence, today=today).values("stay__resident_id"))


def _current_home(today: date, **stay_filter) -> Residence | None:
    assignment = (
        BedAssignment.objects.filter(stay__move_out__isnull=True, starts_on__lte=today, **stay_filter)
        .exclude(ends_on__lte=today)
        .select_related("bed__room__residence")
        .first()
    )
    return assignment.bed.room.residence if assignment is not None else None


def home_of(user, *, today: date) -> Residence | None:
    """The home a signed-in resident lives in today: the house of their open stay's current bed."""
    return _current_home(today, stay__resident__user=user)


def home_of_resident(resident: Resident, *, today: date) -> Residence | None:
    return _current_home(today, stay__resident=resident)


def home_residence_id(membership) -> int | None:
    """`home_of` for the person of this membership, looked up once per request (cached on the membership)."""
    if not hasattr(membership, "_home_residence_id"):
        home = home_of(membership.user, today=local_today(membership.organization))
        membership._home_residence_id = home.pk if home is not None else None
    return membership._home_residence_id


@rules.predicate
def lives_in_residence(user, residence) -> bool:
    """A resident of the residence's organization whose open stay is in this home today."""
    membership = membership_of(user)
    if membership is None or residence is None or membership.role != Role.RESIDENT:
        return False
    if residence.organization_id != membership.organization_id:
        return False
    return home_residence_id(membership) == residence.pk


def resident_record_of(user) -> Resident | None:
    return Resident.objects.filter(user=user).first()


def current_rules(residence: Residence) -> HouseRuleVersion | None:
    """The latest published version: the one everyone living in the house is asked to acknowledge."""
    return HouseRuleVersion.objects.filter(residence=residence).select_related("published_by").first()


def rule_versions(residence: Residence):
    """Every version of a home's rules, newest first, each with how many acknowledged it."""
    return (
        HouseRuleVersion.objects.filter(residence=residence)
        .select_related("published_by")
        .annotate(acknowledgement_count=Count("acknowledgements"))
        .order_by("-version")
    )


@dataclass
class RollLine:
    resident: Resident
    acknowledgement: RuleAcknowledgement | None


def acknowledgement_roll(residence: Residence, rule_version: HouseRuleVersion | None, *, today: date) -> list[RollLine]:
    """Everyone living in the house now, each with their acknowledgement of `rule_version` (or None): two queries."""
    residents = residents_living_in(residence, today=today).order_by("last_name", "first_name")
    if rule_version is None:
        return [RollLine(resident=resident, acknowledgement=None) for resident in residents]
    acknowledgements = RuleAcknowledgement.objects.filter(rule_version=rule_version)
    residents = residents.prefetch_related(
        Prefetch("rule_acknowledgements", queryset=acknowledgements, to_attr="acknowledgements_of_version")
    )
    return [
        RollLine(resident=resident, acknowledgement=next(iter(resident.acknowledgements_of_version), None))
        for resident in residents
    ]


def acknowledgement_of(resident: Resident | None, rule_version: HouseRuleVersion | None) -> RuleAcknowledgement | None:
    if resident is None or rule_version is None:
        return None
    return RuleAcknowledgement.objects.filter(rule_version=rule_version, resident=resident).first()


def acknowledgement_counts(residence: Residence, rule_version: HouseRuleVersion | None, *, today: date) -> dict:
    """How many living in the house now have acknowledged the version, out of how many (for the packet)."""
    living = residents_living_in(residence, today=today)
    acknowledged = (
        RuleAcknowledgement.objects.filter(rule_version=rule_version, resident__in=living).count()
        if rule_version is not None
        else 0
    )
    return {"living": living.count(), "acknowledged": acknowledged}
