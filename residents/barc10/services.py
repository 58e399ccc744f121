"""Recording a BARC-10: at move-in, at each review and at exit, one per occasion of a stay."""

from datetime import date, timedelta

from recovery.tenancy import organization_today  # noqa: F401 - one clock for every part; callers use services.organization_today()
from residences.stays.selectors import open_stay_of
from residents.barc10 import scoring as barc10
from residents.barc10.models import BARC10_ITEM_FIELDS, Barc10Assessment, Barc10Occasion
from residents.reviews.models import ProgressReview


def occasion_for(resident, *, today: date) -> str:
    """Which occasion a resident's own BARC-10 answers: the first of the stay is move-in; with a review due and
    open, the review; in the week before the expected move-out, move-out; otherwise other."""
    stay = open_stay_of(resident)
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
        stay = open_stay_of(resident)
    return Barc10Assessment.objects.create(
        resident=resident,
        stay=stay,
        occasion=occasion,
        taken_on=taken_on,
        total=total,
        recorded_by=by,
        **dict(zip(BARC10_ITEM_FIELDS, answers, strict=True)),
    )
