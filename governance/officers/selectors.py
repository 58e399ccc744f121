"""House offices, and the one question the rest of Hearth asks of them: does this person hold an office in
this home now? The officers feature (terms, nominations, elections) fills in `holds_office`; passes, chores,
the treasury and announcements ask it."""

from datetime import date, timedelta

from django.db import models

from governance.officers.models import (
    ROTATION_DAYS,
    Election,
    ElectionBallot,
    ElectionElector,
    ElectionStage,
    Nomination,
    OfficerTerm,
)
from recovery.tenancy import home_today


def current_terms(residence, *, today: date):
    """The terms running today in this home, with their residents."""
    from governance.officers.models import OfficerTerm

    return (
        OfficerTerm.objects.filter(residence=residence, starts_on__lte=today)
        .filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=today))
        .select_related("resident")
    )


def offices_of(user, residence) -> frozenset[str]:
    """The offices `user` holds in `residence` today (one query).

    Holding an office needs a running term AND still living in the home: an officer who moved out holds nothing.
    """
    if user is None or not getattr(user, "is_authenticated", False) or residence is None:
        return frozenset()
    from residences.homes.selectors import residents_living_in

    today = home_today(residence)
    terms = current_terms(residence, today=today).filter(
        resident__user=user, resident__in=residents_living_in(residence, on=today)
    )
    return frozenset(terms.values_list("office", flat=True))


def holds_office(user, residence, *offices: str) -> bool:
    """Whether `user` holds one of `offices` (any office, if none are named) in `residence` today.

    Runs inside the residence's tenant scope (a request, or `tenant_scope(org)` in a task). In a view, prefer the
    per-request cached `governance.officers.rules.offices_held(user, residence)` when asking more than once."""
    held = offices_of(user, residence)
    return bool(held & set(offices)) if offices else bool(held)


def continuous_since(term, terms_of_same_office) -> date:
    """The first day of the unbroken run of terms (same resident, office, home) that ends with `term`."""
    start = term.starts_on
    earlier = sorted((t for t in terms_of_same_office if t.starts_on < start), key=lambda t: t.starts_on, reverse=True)
    for previous in earlier:
        if previous.ends_on is not None and previous.ends_on >= start - timedelta(days=1):
            start = previous.starts_on
        else:
            break
    return start


def rotation_warnings(residence, *, today: date) -> list[dict]:
    """Officers who have held one office for six months or more in a row: the house is reminded to rotate."""
    from governance.officers.models import OfficerTerm

    running = list(current_terms(residence, today=today))
    if not running:
        return []
    history = list(
        OfficerTerm.objects.filter(residence=residence, resident__in=[t.resident_id for t in running]).only(
            "resident_id", "office", "starts_on", "ends_on"
        )
    )
    warnings = []
    for term in running:
        same = [t for t in history if t.resident_id == term.resident_id and t.office == term.office]
        since = continuous_since(term, same)
        if (today - since).days >= ROTATION_DAYS:
            warnings.append({"term": term, "since": since, "months": (today - since).days // 30})
    return warnings


def officers_page(residence, *, today: date) -> dict:
    return {
        "current": list(current_terms(residence, today=today).order_by("office")),
        "warnings": rotation_warnings(residence, today=today),
        "history": OfficerTerm.objects.filter(residence=residence).select_related("resident").order_by("-starts_on"),
        "elections": list(
            Election.objects.filter(residence=residence).select_related("winner").order_by("-opened_at")[:10]
        ),
    }


def election_page(election: Election, *, resident, today: date | None = None) -> dict:
    """Candidates (and which of them has held this office six months in a row), whether I voted, and whether I
    am in the electorate fixed when voting started (`in_electorate`)."""
    voted = resident is not None and ElectionBallot.objects.filter(election=election, voter=resident).exists()
    # Fixed when voting started (issue 14, item 3); before that, and for older elections, anyone living there.
    in_electorate = resident is not None and (
        election.electorate_fixed_at is None
        or ElectionElector.objects.filter(election=election, resident=resident).exists()
    )
    long_serving = set()
    if today is not None and election.stage != ElectionStage.CLOSED:
        long_serving = {
            warning["term"].resident_id
            for warning in rotation_warnings(election.residence, today=today)
            if warning["term"].office == election.office
        }
    return {
        "long_serving": long_serving,
        "nominations": list(
            Nomination.objects.filter(election=election).select_related("candidate", "nominated_by").order_by("pk")
        ),
        "i_voted": voted,
        "in_electorate": in_electorate,
    }
