"""The verbs of progress reviews, BARC-10 assessments, safety plans and self-care plans."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.notifications.services import RecipientNotAMember, notify
from recovery.tenancy import organization_today  # noqa: F401 - one clock for every part; callers use services.organization_today()
from residences.homes.selectors import home_of, house_managers_of
from residents.reviews.models import ProgressReview, ReviewGoalProgress

FIRST_MONTH_DAYS = 28


class ReviewProblem(DomainError):
    pass


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


def default_reviewer(residence):
    """The home's house manager (the first assigned, who can sign in), else the organization's first administrator.

    Someone still assigned to the home whose role has since changed (to coach or resident, say) is not a house
    manager any more and never becomes a resident's reviewer."""
    managers = house_managers_of(residence, can_sign_in=True)
    if managers:
        return managers[0]
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
    reminder goes out only with the row that was created, in the same transaction (one fails, neither stays).
    """
    residence = home_of(stay=stay, on=None, latest=True)
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
        # The review (the occurrence's unique key) and its reminder commit together: a failure while reminding
        # rolls the review back, so the next run creates and reminds again rather than finding it and going quiet.
        with transaction.atomic():
            try:
                with transaction.atomic():
                    review = ProgressReview.objects.create(stay=stay, due_on=due_on, reviewer=reviewer)
            except IntegrityError:
                continue  # another run created it a moment ago
            _remind_reviewer(review)
        created.append(review)
    return created


def _sign_and_save(
    review, *, fields: dict, resident_signed_name="", reviewer_signed_name="", now, other_changes=False
) -> ProgressReview:
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
    *,
    review,
    progress,
    reflection,
    next_steps,
    resident_signed_name,
    reviewer_signed_name,
    by,
    now=None,
    goal_notes: dict | None = None,
) -> ProgressReview:
    """Save a review (staff, with the resident). Signing is typing a full name; when both have signed the same
    text the review is complete and can no longer change. Changing signed text clears the signatures.

    `goal_notes` maps goals of the stay's plan to where each stands (an empty note removes it)."""
    review = _open_review(review)
    if review.reviewer_id is None:
        review.reviewer = by
    fields = {"progress": progress, "reflection": reflection, "next_steps": next_steps}
    changed = _save_goal_notes(review, goal_notes or {})
    return _sign_and_save(
        review,
        fields=fields,
        resident_signed_name=resident_signed_name,
        reviewer_signed_name=reviewer_signed_name,
        now=now or timezone.now(),
        other_changes=changed,
    )


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
