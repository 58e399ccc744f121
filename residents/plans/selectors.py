"""Page-shaped reads for residents and their plans: the filtered list, the timeline, the plan with its parts.

The timeline is a list of dated entries gathered from the record's own sources (stays, plan changes, case notes,
reviews, assessments, phases) and then from the sources other features register under the registry's "timeline"
key (check-ins, outside meetings, incidents, drug tests, violations, payments; see recovery.registry), one query
per source.
"""

from datetime import UTC, date, datetime

from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.utils import timezone

from recovery.registry import TimelineEntry, registry
from residences.homes.selectors import living_in, stay_not_ended
from residents.models import CaseNote, Goal, Milestone, PlanChange, PlanComment, ProgressUpdate, RecoveryPlan, Resident
from residents.phases.services import step_is_current
from residents.profiles.rules import looks_after_resident
from residents.profiles.selectors import visible_residents
from residents.sensitivity import class_of, sees_class_of

FLAGS = {
    "review_overdue": "A progress review is overdue",
    "asked_to_advance": "Asked to move up a phase",
    "no_plan": "No plan for the current stay",
    "overdue": "A milestone is overdue",
    "justice": "Justice involvement",
}


def resident_rows(membership, *, today: date, house: int | None = None, flag: str = "", phase: str = ""):
    """The residents this person may list, each with its current home's name, phase and flags, in one query."""
    from residents.models import AdvanceRequest, PhaseStep
    from residents.reviews.models import ProgressReview

    # The bed each resident is in today (a move-out set for a later day still counts); if two overlap, the one
    # that started first.
    current = living_in(every_home=True, on=today).filter(stay__resident=OuterRef("pk")).order_by("starts_on")
    current_phase = PhaseStep.objects.filter(step_is_current(today), stay__resident=OuterRef("pk"))
    open_plan = RecoveryPlan.objects.filter(stay_not_ended(today, "stay__"), stay__resident=OuterRef("pk"))
    overdue = Milestone.objects.filter(
        goal__plan__stay__resident=OuterRef("pk"), done_on__isnull=True, target_date__lt=today
    )
    rows = visible_residents(membership, today=today).annotate(
        home_id=Subquery(current.values("bed__room__residence_id")[:1]),
        home_name=Subquery(current.values("bed__room__residence__name")[:1]),
        has_open_plan=Exists(open_plan),
        has_overdue_milestone=Exists(overdue),
        phase_name=Subquery(current_phase.values("phase__name")[:1]),
        has_overdue_review=Exists(
            ProgressReview.objects.filter(stay__resident=OuterRef("pk"), completed_at__isnull=True, due_on__lt=today)
        ),
    )
    if house:
        rows = rows.filter(Exists(current.filter(bed__room__residence_id=house)))
    if flag == "no_plan":
        rows = rows.filter(has_open_plan=False)
    elif flag == "overdue":
        rows = rows.filter(has_overdue_milestone=True)
    elif flag == "review_overdue":
        rows = rows.filter(has_overdue_review=True)
    elif flag == "asked_to_advance":
        rows = rows.filter(Exists(AdvanceRequest.objects.filter(stay__resident=OuterRef("pk"), status="pending")))
    elif flag == "justice":
        rows = rows.exclude(justice_involvement__in=["", "none"])
    if phase:
        rows = rows.filter(phase_name=phase)
    return rows.order_by("last_name", "first_name", "pk")


def _local(moment: datetime, resident) -> date:
    return timezone.localdate(moment, timezone=resident.organization.time_zone)


def _stays(resident, *, staff_view, **_viewer):
    for stay in resident.stays.order_by("move_in"):
        yield TimelineEntry(stay.move_in, "stay", "Moved in")
        if stay.move_out:
            yield TimelineEntry(stay.move_out, "stay", f"Moved out ({stay.get_discharge_reason_display().lower()})")


def _plan_changes(resident, *, staff_view, **_viewer):
    for change in PlanChange.objects.filter(plan__stay__resident=resident).select_related("by"):
        by = change.by.get_full_name() if change.by else ""
        yield TimelineEntry(
            _local(change.changed_at, resident), "plan", change.summary + (f" — {by}" if by else ""), change.changed_at
        )


def _case_notes(resident, *, staff_view, membership=None, **_viewer):
    if not sees_class_of(membership, resident, class_of("residents.CaseNote")):
        return
    keeps_notes = staff_view and resident.user_id != membership.user_id
    for note in (
        case_notes_for(resident, staff_view=keeps_notes).select_related(None).only("created_at", "shared_with_resident")
    ):
        label = "Case note (shared with the resident)" if note.shared_with_resident else "Case note (staff only)"
        yield TimelineEntry(_local(note.created_at, resident), "case_note", label, note.created_at)


def _reviews(resident, *, staff_view, **_viewer):
    from residents.reviews.models import ProgressReview

    for review in ProgressReview.objects.filter(stay__resident=resident, completed_at__isnull=False):
        text = f"Progress review (due {review.due_on:%b %-d}) completed and signed"
        yield TimelineEntry(_local(review.completed_at, resident), "review", text, review.completed_at)


def _assessments(resident, *, staff_view, membership=None, **_viewer):
    from residents.barc10.models import Barc10Assessment

    if not sees_class_of(membership, resident, class_of("residents.Barc10Assessment")):
        return
    for assessment in Barc10Assessment.objects.filter(resident=resident):
        yield TimelineEntry(
            assessment.taken_on,
            "assessment",
            f"BARC-10 ({assessment.get_occasion_display().lower()}): {assessment.total} of 60",
            assessment.created_at,
        )


def _phases(resident, *, staff_view, **_viewer):
    from residents.models import PhaseStep

    for step in PhaseStep.objects.filter(stay__resident=resident).select_related("phase"):
        yield TimelineEntry(step.started_on, "phase", f"Phase: {step.phase.name}")


OWN_SOURCES = [_stays, _plan_changes, _case_notes, _reviews, _assessments, _phases]


def timeline(resident: Resident, *, user) -> list[TimelineEntry]:
    """Newest first. Staff-only entries are left out for anyone who does not look after the resident."""
    from recovery.rules import membership_of

    staff_view, membership = looks_after_resident(user, resident), membership_of(user)
    entries = [
        entry
        for source in [*OWN_SOURCES, *registry["timeline"]]
        for entry in source(resident, staff_view=staff_view, membership=membership)
    ]
    return sorted(entries, key=lambda entry: (entry.on, entry.at or datetime.min.replace(tzinfo=UTC)), reverse=True)


def case_notes_for(resident: Resident, *, staff_view: bool):
    """The resident's case notes: every one for the staff who keep them (`staff_view`: their role sees
    counseling-type notes, residents.sensitivity), else only those shared with the resident."""
    notes = CaseNote.objects.filter(resident=resident).select_related("author")
    return notes if staff_view else notes.filter(shared_with_resident=True)


def latest_plan(resident: Resident) -> RecoveryPlan | None:
    """The plan of the resident's latest stay, with goals and everything the plan pages show, in a fixed number
    of queries."""
    return (
        RecoveryPlan.objects.filter(stay__resident=resident)
        .select_related("stay")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("domain", "created_at", "pk")),
            "goals__milestones",
            "goals__resources",
            Prefetch("goals__progress_updates", queryset=ProgressUpdate.objects.select_related("author")),
            Prefetch("goals__comments", queryset=PlanComment.objects.select_related("author")),
        )
        .order_by("-stay__move_in")
        .first()
    )


def my_progress_updates(resident: Resident):
    return ProgressUpdate.objects.filter(goal__plan__stay__resident=resident).select_related("goal")[:50]
