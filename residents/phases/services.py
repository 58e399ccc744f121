"""Phases: a home defines them; a stay enters the first on move-in, asks to advance, and staff or the house
decide. Entry, each step up and a good exit are celebrations; after a good exit a resident may join the alumni."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from recovery.errors import DomainError
from recovery.requests import tell_asker, tell_deciders
from recovery.tenancy import organization_today
from residences.homes.selectors import home_of, stay_has_ended
from residents.models import (
    AdvanceRequest,
    AdvanceRequestStatus,
    Alumnus,
    Celebration,
    CelebrationKind,
    Phase,
    PhaseStep,
)
from residents.phases import requests as phase_requests

# A home with no phases of its own may start from these (name, meetings a week, minimum weeks, may mentor).
STANDARD_PHASES = [
    ("Orientation", 5, 2, False),
    ("Phase 1", 4, 8, False),
    ("Phase 2", 3, 12, False),
    ("Senior resident", 2, 0, True),
]


class PhaseProblem(DomainError):
    pass


def add_standard_phases(*, residence) -> list[Phase]:
    """Give a home the usual four phases, unless it has phases already."""
    if residence.phases.exists():
        return list(residence.phases.all())
    return [
        Phase.objects.create(
            residence=residence,
            position=position,
            name=name,
            meetings_per_week=meetings,
            minimum_weeks=weeks,
            may_mentor=mentor,
            overnight_passes_per_month=position - 1,
        )
        for position, (name, meetings, weeks, mentor) in enumerate(STANDARD_PHASES, start=1)
    ]


def save_phase(*, phase: Phase) -> Phase:
    """Save a phase from the editor; a clash of position or name gets a message, not an error page."""
    try:
        with transaction.atomic():
            phase.save()
    except IntegrityError as error:
        raise PhaseProblem("Another phase of this home has that name or that place in the order.") from error
    return phase


def step_is_current(on: date, prefix: str = "") -> Q:
    """Phase steps not ended by `on` (a date in the organization's time zone): open, or closed on a move-out
    planned for a later day (`farewell`): until that day the phase is current, as the stay is."""
    return Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": on})


def current_step(stay, *, today: date | None = None) -> PhaseStep | None:
    """The stay's phase step not ended by `today` (default the organization's today; it may start later, for a
    stay admitted ahead of its move-in), or None. One query."""
    today = today or organization_today()
    steps = PhaseStep.objects.filter(step_is_current(today), stay=stay)
    return steps.select_related("phase").order_by("-started_on", "-pk").first()


def stay_home(stay):
    """The home of the stay's current (else latest) bed: `residences.homes.selectors.home_of(stay=..., latest=True)`."""
    return home_of(stay=stay, on=None, latest=True)


def next_phase(stay) -> Phase | None:
    step = current_step(stay)
    home = step.phase.residence if step else stay_home(stay)
    if home is None:
        return None
    phases = Phase.objects.filter(residence=home).order_by("position")
    return phases.filter(position__gt=step.phase.position).first() if step else phases.first()


def welcome(*, stay, on: date) -> PhaseStep | None:
    """On move-in: the house celebrates the arrival, and the stay starts in the home's first phase (if any)."""
    Celebration.objects.get_or_create(stay=stay, kind=CelebrationKind.ENTRY, defaults={"on": on})
    if current_step(stay) is not None:
        return None
    home = stay_home(stay)
    first = Phase.objects.filter(residence=home).order_by("position").first() if home else None
    if first is None:
        return None
    return PhaseStep.objects.create(stay=stay, phase=first, started_on=on, note="Moved in")


def move_to_phase(*, stay, phase: Phase, on: date, by=None, by_house_vote=False, note="") -> PhaseStep:
    """Close the current phase and open `phase` from `on`. Moving up is celebrated; moving back is not. A pending
    request for this phase or a lower one is approved by the move, and the resident is told (`tell_asker`).
    Raises PhaseProblem for an ended stay, the phase they are in, another home's phase, or a date before the
    current phase began."""
    if stay_has_ended(stay, organization_today()):
        raise PhaseProblem("This stay has ended; phases can no longer change.")
    if stay.move_out is not None and on >= stay.move_out:
        raise PhaseProblem(f"They move out on {stay.move_out:%B %-d, %Y}; a phase change must come before that day.")
    with transaction.atomic():
        current = (
            PhaseStep.objects.select_for_update()
            .filter(step_is_current(on), stay=stay)
            .select_related("phase")
            .order_by("-started_on", "-pk")
        ).first()
        if current is not None:
            if current.phase_id == phase.pk:
                raise PhaseProblem(f"They are in {phase.name} already.")
            if phase.residence_id != current.phase.residence_id:
                raise PhaseProblem("Choose a phase of the home they live in.")
            if on < current.started_on:
                raise PhaseProblem(f"The change cannot come before {current.phase.name} began on {current.started_on}.")
            current.ended_on = on
            current.save()
        # With a planned move-out the new phase ends on that day, as `farewell` ended the one before.
        step = PhaseStep.objects.create(
            stay=stay,
            phase=phase,
            started_on=on,
            ended_on=stay.move_out,
            decided_by=by,
            by_house_vote=by_house_vote,
            note=note,
        )
        if current is None or phase.position > current.phase.position:
            Celebration.objects.get_or_create(stay=stay, kind=CelebrationKind.STEP_UP, phase=phase, defaults={"on": on})
        # A move to the phase asked for, or past it, answers the resident's request: it is approved and they are
        # told, whether staff decided it on the request or moved them directly. A move back leaves it open.
        answered = AdvanceRequest.objects.filter(
            stay=stay,
            status=AdvanceRequestStatus.PENDING,
            to_phase__residence_id=phase.residence_id,
            to_phase__position__lte=phase.position,
        ).update(
            status=AdvanceRequestStatus.APPROVED, decided_by=by, decided_at=timezone.now(), by_house_vote=by_house_vote
        )
        if answered:
            tell_asker(kind="phase", asker=stay.resident.user, url=reverse("residents:my_phase"))
    return step


def ask_to_advance(*, stay, why_ready: str) -> AdvanceRequest:
    """The resident asks for the next phase, saying why they are ready; whoever decides is told at once
    (`residents.phases.requests.deciders`)."""
    if stay_has_ended(stay, organization_today()):
        raise PhaseProblem("This stay has ended.")
    target = next_phase(stay)
    if target is None:
        raise PhaseProblem("There is no further phase to ask for. You are in the last one — well done.")
    if not why_ready.strip():
        raise PhaseProblem("Say in a few words why you are ready; it helps the people who decide.")
    try:
        with transaction.atomic():
            advance = AdvanceRequest.objects.create(stay=stay, to_phase=target, why_ready=why_ready.strip())
    except IntegrityError as error:
        raise PhaseProblem("You have asked already; the answer is on its way.") from error
    tell_deciders(kind="phase", request=advance, url=phase_requests.decide_url(advance.stay.resident_id))
    return advance


def decide(*, request: AdvanceRequest, approve: bool, by, on: date, note="", by_house_vote=False) -> AdvanceRequest:
    """Staff or the house decide a request. Saying no needs a reason the resident can read. Either way the resident
    is told there is an answer, once (an approval through `move_to_phase`, which answers the request)."""
    if request.status != AdvanceRequestStatus.PENDING:
        raise PhaseProblem("This request has been decided already.")
    if not approve and not note.strip():
        raise PhaseProblem("Say what is still needed, so the resident knows what to work on.")
    with transaction.atomic():
        if approve:
            move_to_phase(
                stay=request.stay,
                phase=request.to_phase,
                on=on,
                by=by,
                by_house_vote=by_house_vote,
                note=note or "Request approved",
            )
            request.refresh_from_db()
            request.decision_note = note
            request.save(update_fields=["decision_note"])
        else:
            request.status = AdvanceRequestStatus.DECLINED
            request.decided_by, request.decided_at, request.by_house_vote = by, timezone.now(), by_house_vote
            request.decision_note = note.strip()
            request.save()
            tell_asker(kind="phase", asker=request.stay.resident.user, url=reverse("residents:my_phase"))
    return request


def withdraw(*, request: AdvanceRequest) -> AdvanceRequest:
    if request.status != AdvanceRequestStatus.PENDING:
        raise PhaseProblem("This request has been decided already.")
    request.status = AdvanceRequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    return request


def farewell(*, stay) -> None:
    """On move-out: the open phase ends that day, and a good exit is celebrated."""
    from residences.stays.models import GOOD_EXITS

    PhaseStep.objects.filter(stay=stay, ended_on__isnull=True).update(ended_on=stay.move_out)
    AdvanceRequest.objects.filter(stay=stay, status=AdvanceRequestStatus.PENDING).update(
        status=AdvanceRequestStatus.WITHDRAWN
    )
    if stay.discharge_reason in GOOD_EXITS:
        Celebration.objects.get_or_create(stay=stay, kind=CelebrationKind.GOOD_EXIT, defaults={"on": stay.move_out})


def had_good_exit(resident) -> bool:
    return Celebration.objects.filter(stay__resident=resident, kind=CelebrationKind.GOOD_EXIT).exists()


def join_alumni(*, resident, on: date, willing_to_mentor=False, contact_note="", stay_connected=True) -> Alumnus:
    """After a good exit a resident may stay connected (and change their mind at any time)."""
    if not had_good_exit(resident):
        raise PhaseProblem("The alumni community is for residents who have completed their stay.")
    alumnus, _created = Alumnus.objects.update_or_create(
        resident=resident,
        defaults={
            "stay_connected": stay_connected,
            "willing_to_mentor": willing_to_mentor,
            "contact_note": contact_note,
        },
        create_defaults={
            "since": on,
            "stay_connected": stay_connected,
            "willing_to_mentor": willing_to_mentor,
            "contact_note": contact_note,
        },
    )
    return alumnus
