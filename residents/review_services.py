"""The verbs of progress reviews, BARC-10 assessments, safety plans and self-care plans."""

import re
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.notifications.services import RecipientNotAMember, notify
from recovery.tenancy import organization_today  # noqa: F401 - one clock for every part; callers use services.organization_today()
from residents.barc10 import scoring as barc10
from residents.review_models import (
    BARC10_ITEM_FIELDS,
    Barc10Assessment,
    Barc10Occasion,
    MatLogKind,
    MatStorageLog,
    Medication,
    ProgressReview,
    ReviewGoalProgress,
    SafetyPlan,
    SelfCarePlan,
)

FIRST_MONTH_DAYS = 28


class ReviewProblem(DomainError):
    pass


# --- Progress reviews ------------------------------------------------------------------------------------------


def review_due_dates(*, move_in: date, until: date, every_days: int, weekly_first_month: bool) -> list[date]:
    """The review dates of a stay from move-in until `until` (inclusive), by the home's policy.

    Weekly in the first four weeks when the home asks for it, then every `every_days` from the end of them;
    otherwise every `every_days` from move-in.
    """
    dates = []
    start = move_in
    if weekly_first_month:
        dates = [move_in + timedelta(days=days) for days in (7, 14, 21, 28)]
        start = move_in + timedelta(days=FIRST_MONTH_DAYS)
    due = start + timedelta(days=every_days)
    while due <= until:
        dates.append(due)
        due += timedelta(days=every_days)
    return [day for day in dates if day <= until]


def _home_of(stay):
    from residences.ledger.selectors import residence_of_stay

    return residence_of_stay(stay)


def default_reviewer(residence):
    """The home's house manager (the first assigned), else the organization's first administrator."""
    from residences.models import HouseManagerAssignment

    if residence is not None:
        assignment = (
            HouseManagerAssignment.objects.filter(
                residence=residence, membership__is_active=True, membership__user__is_active=True
            )
            .select_related("membership__user")
            .order_by("pk")
            .first()
        )
        if assignment is not None:
            return assignment.membership.user
    admins = Membership.objects.filter(role=Role.ADMIN, is_active=True, user__is_active=True)
    admin = admins.select_related("user").order_by("pk").first()
    return admin.user if admin else None


def _review_url(review) -> str:
    try:
        return reverse("residents:review_detail", kwargs={"pk": review.pk})
    except NoReverseMatch:  # the review pages are mounted at merge; until then the inbox alone carries it
        return ""


def _remind_reviewer(review) -> None:
    """Tell the reviewer a review is due, once: only the run that created the review gets here."""
    if review.reviewer is None:
        return
    try:
        notify(
            recipient=review.reviewer,
            kind="progress_review_due",
            title=f"A progress review is due on {review.due_on:%b} {review.due_on.day}",
            url=_review_url(review),
        )
    except RecipientNotAMember:
        return  # they have left; the review still shows as due on the reviews page
    review.reminded_at = timezone.now()
    review.save(update_fields=["reminded_at"])


def create_due_reviews(*, stay, today: date) -> list[ProgressReview]:
    """Create the stay's reviews that are due on or before `today` and do not exist yet; remind the reviewer.

    Safe to run any number of times, concurrently too: (organization, stay, due date) is unique, and the
    reminder goes out only with the row that was created.
    """
    residence = _home_of(stay)
    if residence is None:
        return []
    until = min(today, stay.move_out) if stay.move_out else today
    due_dates = review_due_dates(
        move_in=stay.move_in,
        until=until,
        every_days=residence.review_every_days,
        weekly_first_month=residence.weekly_reviews_first_month,
    )
    existing = set(ProgressReview.objects.filter(stay=stay).values_list("due_on", flat=True))
    created = []
    reviewer = None
    for due_on in due_dates:
        if due_on in existing:
            continue
        reviewer = reviewer or default_reviewer(residence)
        try:
            with transaction.atomic():
                review = ProgressReview.objects.create(stay=stay, due_on=due_on, reviewer=reviewer)
        except IntegrityError:
            continue  # another run created it a moment ago
        _remind_reviewer(review)
        created.append(review)
    return created


def _sign_and_save(review, *, fields: dict, resident_signed_name="", reviewer_signed_name="", now,
                   other_changes=False) -> ProgressReview:  # fmt: skip
    """Apply `fields`; a signature covers the text as it was signed, so a change clears the earlier signatures."""
    if other_changes or any(getattr(review, name) != value for name, value in fields.items()):
        review.resident_signed_name, review.resident_signed_at = "", None
        review.reviewer_signed_name, review.reviewer_signed_at = "", None
    for name, value in fields.items():
        setattr(review, name, value)
    if resident_signed_name.strip():
        review.resident_signed_name, review.resident_signed_at = resident_signed_name.strip(), now
    if reviewer_signed_name.strip():
        review.reviewer_signed_name, review.reviewer_signed_at = reviewer_signed_name.strip(), now
    if review.resident_signed_at and review.reviewer_signed_at:
        review.completed_at = now
    review.save()
    return review


def _open_review(review) -> ProgressReview:
    review = ProgressReview.objects.select_for_update().get(pk=review.pk)
    if review.completed_at is not None:
        raise ReviewProblem("This review is complete and signed; it cannot be changed. Add notes to the next one.")
    return review


@transaction.atomic
def complete_review(
    *, review, progress, reflection, next_steps, resident_signed_name, reviewer_signed_name, by, now=None,
    goal_notes: dict | None = None,
) -> ProgressReview:  # fmt: skip
    """Save a review (staff, with the resident). Signing is typing a full name; when both have signed the same
    text the review is complete and can no longer change. Changing signed text clears the signatures.

    `goal_notes` maps goals of the stay's plan to where each stands (an empty note removes it)."""
    review = _open_review(review)
    if review.reviewer_id is None:
        review.reviewer = by
    fields = {"progress": progress, "reflection": reflection, "next_steps": next_steps}
    changed = _save_goal_notes(review, goal_notes or {})
    return _sign_and_save(
        review, fields=fields, resident_signed_name=resident_signed_name, reviewer_signed_name=reviewer_signed_name,
        now=now or timezone.now(), other_changes=changed,
    )  # fmt: skip


def _save_goal_notes(review, goal_notes: dict) -> bool:
    """Write the per-goal notes; True when any differs from what was there (so signatures no longer cover it)."""
    existing = {row.goal_id: row for row in ReviewGoalProgress.objects.filter(review=review)}
    changed = False
    for goal, note in goal_notes.items():
        if goal.plan.stay_id != review.stay_id:
            raise ReviewProblem("That goal belongs to another stay's plan.")
        note = note.strip()
        row = existing.get(goal.pk)
        if row is None and note:
            ReviewGoalProgress.objects.create(review=review, goal=goal, note=note)
        elif row is not None and not note:
            row.delete()
        elif row is not None and row.note != note:
            row.note = note
            row.save()
        else:
            continue
        changed = True
    return changed


@transaction.atomic
def reflect_on_review(*, review, reflection, resident_signed_name="", now=None) -> ProgressReview:
    """The resident writes their own reflection (on their phone) and may sign the review as it stands."""
    review = _open_review(review)
    return _sign_and_save(
        review, fields={"reflection": reflection}, resident_signed_name=resident_signed_name, now=now or timezone.now()
    )


# --- BARC-10 ---------------------------------------------------------------------------------------------------


def occasion_for(resident, *, today: date) -> str:
    """Which occasion a resident's own BARC-10 answers: the first of the stay is move-in; with a review due and
    open, the review; in the week before the expected move-out, move-out; otherwise other."""
    stay = resident.stays.filter(move_out__isnull=True).first()
    if stay is None:
        return Barc10Occasion.OTHER
    if not Barc10Assessment.objects.filter(stay=stay).exists():
        return Barc10Occasion.MOVE_IN
    if stay.expected_move_out and stay.expected_move_out - timedelta(days=7) <= today:
        return Barc10Occasion.MOVE_OUT
    if ProgressReview.objects.filter(stay=stay, completed_at__isnull=True, due_on__lte=today).exists():
        return Barc10Occasion.REVIEW
    return Barc10Occasion.OTHER


def record_barc10(*, resident, answers, occasion, taken_on: date, by=None, stay=None) -> Barc10Assessment:
    """Record a completed BARC-10 (every statement answered, 1 to 6). Raises IncompleteBarc10 otherwise."""
    total = barc10.score(answers)
    if stay is None:
        stay = resident.stays.filter(move_out__isnull=True).first()
    return Barc10Assessment.objects.create(
        resident=resident,
        stay=stay,
        occasion=occasion,
        taken_on=taken_on,
        total=total,
        recorded_by=by,
        **dict(zip(BARC10_ITEM_FIELDS, answers, strict=True)),
    )


# --- Safety and self-care plans --------------------------------------------------------------------------------

SAFETY_PLAN_FIELDS = (
    "warning_signs",
    "coping_strategies",
    "people_and_places",
    "people_to_call",
    "professional_contacts",
    "naloxone_location",
    "safe_environment",
)


def save_safety_plan(*, resident, by, **fields) -> SafetyPlan:
    """Create or update the resident's one safety plan."""
    unknown = set(fields) - set(SAFETY_PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown safety plan fields: {sorted(unknown)}")
    with transaction.atomic():
        plan = SafetyPlan.objects.select_for_update().filter(resident=resident).first()
        plan = plan or SafetyPlan(resident=resident)
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.updated_by = by
        plan.save()
    return plan


_PHONE = re.compile(r"\+?[\d][\d\s().-]{5,}\d")


def phone_lines(text: str) -> list[dict]:
    """Each line of "Name: number" (or any line with a number) as a label and a tel: target, for tap-to-call."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        match = _PHONE.search(line)
        tel = ""
        if match:
            digits = re.sub(r"[^\d+]", "", match.group())
            tel = f"tel:{digits}"
        lines.append({"label": line, "tel": tel})
    return lines


def save_self_care_plan(*, user, today: date, **fields) -> SelfCarePlan:
    """Create or update a member's self-care plan; saving counts as reviewing it, so the next review moves on."""
    with transaction.atomic():
        plan = SelfCarePlan.objects.select_for_update().filter(user=user).first()
        plan = plan or SelfCarePlan(user=user)
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.next_review_on = today + timedelta(days=plan.review_every_days)
        plan.save()
    return plan


def remind_self_care_review(*, plan: SelfCarePlan, today: date) -> bool:
    """Remind the member once per review date that has come; True when a reminder went out."""
    with transaction.atomic():
        plan = SelfCarePlan.objects.select_for_update().get(pk=plan.pk)
        if plan.next_review_on > today or plan.reminded_for == plan.next_review_on:
            return False
        if not Membership.objects.filter(user=plan.user, is_active=True).exists():
            return False
        notify(recipient=plan.user, kind="self_care_review", title="Time to look at your self-care plan again")
        plan.reminded_for = plan.next_review_on
        plan.save(update_fields=["reminded_for"])
    return True


# --- Medication and MAT ----------------------------------------------------------------------------------------


class MedicationProblem(DomainError):
    pass


def add_medication(*, resident, name, prescriber, dose="", mat_kind="", stored_on_site=False, started_on=None):
    """Record a medication and its prescriber. MAT kept on site needs a home whose policy stores it on site."""
    from residences.models import MATStorage

    if stored_on_site:
        stay = resident.stays.filter(move_out__isnull=True).first()
        residence = _home_of(stay) if stay else None
        if residence is not None and residence.mat_storage == MATStorage.OFF_SITE_ONLY:
            raise MedicationProblem(
                f"{residence.name} keeps no medication on site. Note where the resident keeps it instead "
                "(for example, at the clinic)."
            )
    return Medication.objects.create(
        resident=resident, name=name, prescriber=prescriber, dose=dose, mat_kind=mat_kind,
        stored_on_site=stored_on_site, started_on=started_on,
    )  # fmt: skip


def _locked(medication) -> Medication:
    medication = Medication.objects.select_for_update().get(pk=medication.pk)
    if not medication.stored_on_site:
        raise MedicationProblem("This medication is not kept in the house's locked storage, so it has no log here.")
    return medication


def expected_count(medication, *, at=None):
    """What should be in storage now (or at `at`): the last count, plus what came in, less what went out since."""
    log = MatStorageLog.objects.filter(medication=medication)
    if at is not None:
        log = log.filter(at__lte=at)
    last_count = log.filter(kind=MatLogKind.COUNT).order_by("-at", "-pk").first()
    expected = last_count.counted if last_count else Decimal("0")
    since = log.exclude(kind=MatLogKind.COUNT)
    if last_count is not None:
        since = since.filter(Q(at__gt=last_count.at) | Q(at=last_count.at, pk__gt=last_count.pk))
    for kind, quantity in since.values_list("kind", "quantity"):
        expected += quantity if kind == MatLogKind.RECEIVED else -quantity
    return expected


def record_mat_movement(*, medication, kind, quantity, by, at=None, observed_by_name="", note="") -> MatStorageLog:
    """Log medication into or out of locked storage; a self-administration needs who observed it."""
    if kind == MatLogKind.COUNT:
        raise ValueError("Use record_mat_count() for counts.")
    if quantity is None or quantity <= 0:
        raise MedicationProblem("Enter how much, above zero.")
    if kind == MatLogKind.SELF_ADMINISTERED and not observed_by_name.strip():
        raise MedicationProblem("Write who observed the self-administration.")
    with transaction.atomic():
        medication = _locked(medication)
        return MatStorageLog.objects.create(
            medication=medication, kind=kind, quantity=quantity, at=at or timezone.now(), recorded_by=by,
            observed_by_name=observed_by_name.strip(), note=note,
        )  # fmt: skip


def record_mat_count(*, medication, counted, by, witness_name="", at=None, note="") -> MatStorageLog:
    """Record a count of what is in storage, keeping what the log expected; one that differs is flagged."""
    if counted is None or counted < 0:
        raise MedicationProblem("Enter the number counted (zero or more).")
    with transaction.atomic():
        medication = _locked(medication)
        at = at or timezone.now()
        entry = MatStorageLog.objects.create(
            medication=medication, kind=MatLogKind.COUNT, counted=counted, expected=expected_count(medication, at=at),
            at=at, recorded_by=by, observed_by_name=witness_name.strip(), note=note,
        )  # fmt: skip
    return entry


def unreconciled_counts():
    """Counts that did not match the log, newest first: for the house manager's attention."""
    return (
        MatStorageLog.objects.filter(kind=MatLogKind.COUNT)
        .exclude(counted=F("expected"))
        .select_related("medication__resident")
        .order_by("-at")
    )
