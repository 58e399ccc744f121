"""The verbs of recovery plans and case notes. Each plan change writes one PlanChange line for the timeline."""

from datetime import date

from django.db import transaction

from recovery.errors import DomainError
from residents.models import (
    CaseNote,
    Goal,
    GoalStatus,
    Milestone,
    PlanChange,
    PlanComment,
    PlanResource,
    ProgressUpdate,
    RecoveryPlan,
    Resident,
)
from residents.profiles.rules import resident_home_id


class ClinicalDocumentationOff(DomainError):
    """Case notes and clinical-style fields are off in this resident's home."""


class NoStay(DomainError):
    """A plan belongs to a stay; this resident has none."""


def clinical_documentation_on(resident: Resident) -> bool:
    """Documentation is proportionate to the level: on where the resident's home turns it on (a level 3 home by
    default; levels 1 and 2 only when the operator chooses). A resident with no home has none."""
    from residences.models import Residence

    home_id = resident_home_id(resident)
    if home_id is None:
        return False
    return Residence.objects.filter(pk=home_id, clinical_documentation=True).exists()


def _note_change(plan, by, summary):
    PlanChange.objects.create(plan=plan, by=by, summary=summary[:200])


@transaction.atomic
def start_plan(*, resident: Resident, by) -> RecoveryPlan:
    """The plan of the resident's latest stay, started if it has none (one plan per stay)."""
    stay = resident.stays.order_by("-move_in").first()
    if stay is None:
        raise NoStay(f"{resident.display_name} has no stay yet; a plan starts when they move in.")
    plan, created = RecoveryPlan.objects.get_or_create(stay=stay)
    if created:
        _note_change(plan, by, "Plan started")
    return plan


@transaction.atomic
def update_plan(*, plan: RecoveryPlan, by, exit_where_next: str, exit_supports: str, clinical_considerations=None):
    """Change the exit plan (and, where the home keeps clinical documentation, the clinical considerations)."""
    plan.exit_where_next = exit_where_next
    plan.exit_supports = exit_supports
    if clinical_considerations is not None:
        if not clinical_documentation_on(plan.stay.resident):
            raise ClinicalDocumentationOff(
                "This home does not keep clinical documentation; an admin can turn it on in the home's settings."
            )
        plan.clinical_considerations = clinical_considerations
    changed = plan.changed_fields()
    plan.save()
    if set(changed) & {"exit_where_next", "exit_supports"}:
        _note_change(plan, by, "Exit plan updated")
    if "clinical_considerations" in changed:
        _note_change(plan, by, "Clinical considerations updated")
    return plan


@transaction.atomic
def add_goal(*, plan: RecoveryPlan, by, domain, title, why="", status=GoalStatus.NOT_STARTED, self_category="") -> Goal:
    goal = Goal.objects.create(
        plan=plan, domain=domain, title=title, why=why, status=status, self_category=self_category
    )
    _note_change(plan, by, f"Goal added ({goal.get_domain_display()}): {title}")
    return goal


@transaction.atomic
def update_goal(*, goal: Goal, by, **fields) -> Goal:
    for name, value in fields.items():
        setattr(goal, name, value)
    changed = goal.changed_fields()
    goal.save()
    if changed:
        summary = f"Goal now {goal.get_status_display().lower()}" if changed == ["status"] else "Goal updated"
        _note_change(goal.plan, by, f"{summary}: {goal.title}")
    return goal


@transaction.atomic
def add_milestone(*, goal: Goal, by, title: str, target_date: date | None = None) -> Milestone:
    milestone = Milestone.objects.create(goal=goal, title=title, target_date=target_date)
    _note_change(goal.plan, by, f"Milestone added: {title}")
    return milestone


@transaction.atomic
def complete_milestone(*, milestone: Milestone, by, on: date) -> Milestone:
    if milestone.done_on is None:
        milestone.done_on = on
        milestone.save()
        _note_change(milestone.goal.plan, by, f"Milestone reached: {milestone.title}")
    return milestone


@transaction.atomic
def add_resource(*, goal: Goal, by, kind, name: str, contact: str = "") -> PlanResource:
    resource = PlanResource.objects.create(goal=goal, kind=kind, name=name, contact=contact)
    _note_change(goal.plan, by, f"Resource added to {goal.title}")
    return resource


@transaction.atomic
def add_progress(*, goal: Goal, by, text: str) -> ProgressUpdate:
    """The resident's own words about a goal (the view checks that `by` is the resident)."""
    update = ProgressUpdate.objects.create(goal=goal, author=by, text=text)
    _note_change(goal.plan, by, f"Progress on {goal.title}")
    return update


def add_comment(*, goal: Goal, by, text: str) -> PlanComment:
    return PlanComment.objects.create(goal=goal, author=by, text=text)


def add_case_note(*, resident: Resident, by, text: str, shared_with_resident: bool = False) -> CaseNote:
    """A staff case note, staff-only unless shared; kept only where the resident's home keeps clinical
    documentation (at levels 1 and 2 the operator must turn it on)."""
    if not clinical_documentation_on(resident):
        raise ClinicalDocumentationOff(
            "Case notes are off in this resident's home. An admin can turn on clinical documentation for the home."
        )
    return CaseNote.objects.create(resident=resident, author=by, text=text, shared_with_resident=shared_with_resident)
