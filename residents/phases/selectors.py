"""Page-shaped reads for phases: a resident's place and history, pending requests, celebrations, alumni."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q

from residents.models import AdvanceRequest, AdvanceRequestStatus, Alumnus, Celebration, Phase, PhaseStep


@dataclass(frozen=True)
class PhasePicture:
    stay: object
    current: PhaseStep | None
    next_phase: Phase | None
    weeks_in_phase: int
    ready_by_time: bool  # the minimum weeks of the current phase are behind them
    history: list
    requests: list
    pending: AdvanceRequest | None


def phase_picture(stay, *, today: date) -> PhasePicture | None:
    """Where a stay stands: the current phase and its requirements, the next one, the history and requests."""
    if stay is None:
        return None
    history = list(PhaseStep.objects.filter(stay=stay).select_related("phase", "decided_by"))
    # Not ended by today: open, or closed on a move-out planned for a later day (`services.step_is_current`).
    running = [step for step in history if step.ended_on is None or step.ended_on > today]
    current = running[-1] if running else None
    phases = list(Phase.objects.filter(residence_id=current.phase.residence_id)) if current else []
    following = [phase for phase in phases if current and phase.position > current.phase.position]
    requests = list(AdvanceRequest.objects.filter(stay=stay).select_related("to_phase", "decided_by")[:10])
    weeks = (today - current.started_on).days // 7 if current else 0
    return PhasePicture(
        stay=stay,
        current=current,
        next_phase=min(following, key=lambda phase: phase.position) if following else None,
        weeks_in_phase=weeks,
        ready_by_time=bool(current) and weeks >= current.phase.minimum_weeks,
        history=list(reversed(history)),
        requests=requests,
        pending=next((r for r in requests if r.status == AdvanceRequestStatus.PENDING), None),
    )


def latest_stay(resident):
    return resident.stays.order_by("-move_in").first()


def pending_requests(residence_ids):
    """Requests waiting for a decision in these homes (by the stay's current bed), oldest first."""
    return (
        AdvanceRequest.objects.filter(
            status=AdvanceRequestStatus.PENDING,
            to_phase__residence_id__in=residence_ids,
        )
        .select_related("stay__resident", "to_phase__residence")
        .order_by("created_at")
    )


def recent_celebrations(residence_ids, *, today: date, days: int = 60):
    """Arrivals, steps up and graduations in these homes over the last `days` up to `today`, newest first. One
    dated later (the good exit of a planned move-out) is not celebrated before its day: the plan may fall through."""
    since = today - timedelta(days=days)
    in_homes = Q(stay__bed_assignments__bed__room__residence_id__in=residence_ids)
    return (
        Celebration.objects.filter(in_homes, on__gte=since, on__lte=today)
        .select_related("stay__resident", "phase")
        .distinct()
        .order_by("-on", "-pk")
    )


def _alumnus_home():
    from residences.models import BedAssignment

    return BedAssignment.objects.filter(stay__resident=OuterRef("resident"))


def alumni(residence_ids=None):
    """Alumni who chose to stay connected; for a house manager, those who lived in their homes."""
    rows = Alumnus.objects.filter(stay_connected=True).select_related("resident").order_by("-since")
    if residence_ids is not None:
        lived_here = _alumnus_home().filter(bed__room__residence_id__in=residence_ids)
        rows = rows.filter(Exists(lived_here))
    return rows
