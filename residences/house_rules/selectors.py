"""Reads for the house rules pages: the current version, who in the house has acknowledged it, and which house a
signed-in resident lives in (which is also the predicate that lets them read its rules)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch

from residences.homes.selectors import residents_living_in
from residences.models import HouseRuleVersion, Residence, RuleAcknowledgement
from residents.profiles.models import Resident


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
    residents = residents_living_in(residence, on=today).order_by("last_name", "first_name")
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
    living = residents_living_in(residence, on=today)
    acknowledged = (
        RuleAcknowledgement.objects.filter(rule_version=rule_version, resident__in=living).count()
        if rule_version is not None
        else 0
    )
    return {"living": living.count(), "acknowledged": acknowledged}
