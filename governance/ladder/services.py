"""The verbs of the consequence ladder: a home's default steps, the next step a resident's history suggests,
`record_violation` (which other parts call, e.g. for a missed chore), statements, appeals and their outcome."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from governance.accountability.services import admins_and_managers_of, notify_once
from governance.ladder.models import DEFAULT_LADDER, AppealStatus, ConsequenceStep, Violation
from recovery.errors import DomainError
from recovery.requests import answered_title, waiting_title
from residences.models import HouseRuleVersion, RuleAcknowledgement


class LadderProblem(DomainError):
    pass


def ladder_of(residence) -> list[ConsequenceStep]:
    """The home's steps in order (a list; empty only if the home was made outside `create_residence`). A read:
    a home gets its default steps when it is created (`seed_default_ladder`), never when a page first looks."""
    return list(ConsequenceStep.objects.filter(residence=residence).order_by("position"))


def seed_default_ladder(residence) -> None:
    """Give a home without steps the six default steps (`DEFAULT_LADDER`); a home with steps keeps its own."""
    if ConsequenceStep.objects.filter(residence=residence).exists():
        return
    ConsequenceStep.objects.bulk_create(
        ConsequenceStep(residence=residence, position=position, name=name, description=description)
        for position, (name, description) in enumerate(DEFAULT_LADDER, start=1)
    )


def save_step(*, residence, name: str, description: str = "", step: ConsequenceStep | None = None) -> ConsequenceStep:
    """Rename a step, or add one at the end of the ladder."""
    if step is not None:
        step.name, step.description = name, description
        step.save(update_fields=["name", "description"])
        return step
    with transaction.atomic():
        last = ConsequenceStep.objects.filter(residence=residence).aggregate(last=Max("position"))["last"] or 0
        return ConsequenceStep.objects.create(
            residence=residence, position=last + 1, name=name, description=description
        )


def suggest_next_step(*, resident, residence) -> ConsequenceStep:
    """One step past the highest step of the resident's violations in this home that still count; the first
    step for a first violation, the last step at most. Raises `LadderProblem` when the home has no steps."""
    steps = ladder_of(residence)
    if not steps:
        raise LadderProblem("This home's ladder has no steps yet. Add a step on the ladder page first.")
    counted = (
        Violation.objects.filter(resident=resident, residence=residence)
        .exclude(appeal_status=AppealStatus.OVERTURNED)
        .aggregate(top=Max("step__position"))["top"]
    )
    if counted is None:
        return steps[0]
    later = [step for step in steps if step.position > counted]
    return later[0] if later else steps[-1]


def _rule_versions(*, resident, residence, on: date):
    in_force = HouseRuleVersion.objects.filter(residence=residence, effective_on__lte=on).order_by("-version").first()
    acknowledged = (
        RuleAcknowledgement.objects.filter(resident=resident, rule_version__residence=residence)
        .select_related("rule_version")
        .order_by("-rule_version__version")
        .first()
    )
    return in_force, acknowledged.rule_version if acknowledged else None


def record_violation(
    *,
    resident,
    residence,
    rule: str,
    evidence: str,
    occurred_on: date,
    by,
    step: ConsequenceStep | None = None,
    source: str = "",
) -> Violation:
    """Record a broken house rule with its evidence and the response (a step of the home's ladder; the suggested
    next step when none is named). Notes the rule version in force and the one the resident acknowledged, and
    tells the resident, who may add their statement and appeal."""
    if not rule.strip() or not evidence.strip():
        raise LadderProblem("Name the rule and describe what was seen, so the resident knows what this is about.")
    suggested = suggest_next_step(resident=resident, residence=residence)
    step = step or suggested
    if step.residence_id != residence.pk:
        raise LadderProblem("That step belongs to another home's ladder. Choose a step of this home.")
    in_force, acknowledged = _rule_versions(resident=resident, residence=residence, on=occurred_on)
    with transaction.atomic():
        violation = Violation.objects.create(
            resident=resident,
            residence=residence,
            rule=rule,
            rule_version=in_force,
            acknowledged_version=acknowledged,
            occurred_on=occurred_on,
            evidence=evidence,
            step=step,
            suggested_step=suggested,
            source=source,
            recorded_by=by,
        )
        if resident.user_id is not None:
            notify_once(
                key=f"violation:{violation.pk}",
                recipient=resident.user,
                kind="violation.recorded",
                title="Something was noted about a house rule. You can add your side.",
                url=reverse("governance:violation_detail", kwargs={"pk": violation.pk}),
            )
    return violation


def add_statement(*, violation: Violation, statement: str) -> Violation:
    """The resident's own account, which they may write or rewrite until an appeal is decided."""
    if violation.appeal_decided_at is not None:
        raise LadderProblem("The appeal has been decided, so the statement can no longer change.")
    violation.resident_statement, violation.statement_at = statement, timezone.now()
    violation.save(update_fields=["resident_statement", "statement_at"])
    return violation


def appeal(*, violation: Violation, reason: str) -> Violation:
    """The resident appeals: it goes to the admins and the home's house managers."""
    if not reason.strip():
        raise LadderProblem("Say why you are appealing, in a sentence or two.")
    with transaction.atomic():
        violation = Violation.objects.select_for_update().get(pk=violation.pk)
        if violation.appeal_status:
            raise LadderProblem("This has already been appealed.")
        violation.appeal_reason, violation.appealed_at = reason, timezone.now()
        violation.appeal_status = AppealStatus.PENDING
        violation.save(update_fields=["appeal_reason", "appealed_at", "appeal_status"])
        url = reverse("governance:violation_detail", kwargs={"pk": violation.pk})
        for person in admins_and_managers_of(violation.residence):
            notify_once(
                key=f"appeal:{violation.pk}",
                recipient=person,
                kind="request.appeal.waiting",
                title=waiting_title("appeal"),
                url=url,
            )
    return violation


def decide_appeal(
    *, violation: Violation, status: str, outcome: str, by, step: ConsequenceStep | None = None
) -> Violation:
    if status not in (AppealStatus.UPHELD, AppealStatus.CHANGED, AppealStatus.OVERTURNED):
        raise LadderProblem("Choose whether the decision is upheld, changed or overturned.")
    if not outcome.strip():
        raise LadderProblem("Write the outcome for the resident: what was decided and why.")
    with transaction.atomic():
        violation = Violation.objects.select_for_update().get(pk=violation.pk)
        if violation.appeal_status != AppealStatus.PENDING:
            raise LadderProblem("There is no appeal waiting on this.")
        if status == AppealStatus.CHANGED:
            if step is None or step.residence_id != violation.residence_id:
                raise LadderProblem("Choose the new step from this home's ladder.")
            violation.step = step
        violation.appeal_status, violation.appeal_outcome = status, outcome
        violation.appeal_decided_by, violation.appeal_decided_at = by, timezone.now()
        violation.save()
        if violation.resident.user_id is not None:
            notify_once(
                key=f"appeal-decided:{violation.pk}",
                recipient=violation.resident.user,
                kind="request.appeal.decided",
                title=answered_title("appeal"),
                url=reverse("governance:violation_detail", kwargs={"pk": violation.pk}),
            )
    return violation
