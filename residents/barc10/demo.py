"""Demo BARC-10 history for one stay: assessments at move-in and since, totals that rise. Called by the
reviews demo (residents.reviews.demo); skipped once the resident has assessments."""

from datetime import timedelta

from residences.models import Stay
from residents.barc10 import services as barc10_services
from residents.barc10.models import Barc10Assessment, Barc10Occasion


def seed_barc10(stay: Stay, *, today, index: int) -> None:
    """Assessments for `stay` at move-in and about monthly since (up to four), totals rising; `index` staggers
    where residents start. Nothing when the resident has assessments."""
    if Barc10Assessment.objects.filter(resident=stay.resident).exists():
        return
    start = 2 + index % 2  # answers around "disagree" at move-in, rising by about one step a month
    months = max((today - stay.move_in).days // 30, 0)
    occasions = [(stay.move_in, Barc10Occasion.MOVE_IN)] + [
        (stay.move_in + timedelta(days=30 * n), Barc10Occasion.REVIEW) for n in range(1, min(months, 4) + 1)
    ]
    for step, (taken_on, occasion) in enumerate(occasions):
        answers = [min(6, start + step + (n % 3 == 0)) for n in range(10)]
        barc10_services.record_barc10(
            resident=stay.resident, answers=answers, occasion=occasion, taken_on=taken_on, stay=stay
        )
