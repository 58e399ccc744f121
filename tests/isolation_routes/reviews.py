"""The progress reviews' routes (residents/reviews/urls.py)."""

from datetime import date

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _review(org):
    from residents.models import ProgressReview

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        return {"pk": ProgressReview.objects.create(stay=stay, due_on=date(2026, 1, 5), progress=MARKER).pk}


OBJECT_ROUTES = {
    "residents:review_detail": _review,
}

# The API (residents/reviews/api.py).
API_OBJECTS = {
    "progress-reviews": lambda org: _review(org)["pk"],
}
