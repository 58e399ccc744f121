"""The staff's card on the signed-in home page (see recovery.dashboard): overdue progress reviews and requests
to move up a phase, in the homes they look after."""

from recovery.models import Role
from recovery.registry import dashboard_card
from recovery.tenancy import organization_today
from residences.homes.selectors import visible_residences
from residents.phases import selectors as phase_selectors
from residents.reviews import selectors as review_selectors

STAFF = (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)


@dashboard_card("residents/reviews/_staff_work.html", order=20)
def staff_work(request):
    if request.membership.role not in STAFF:
        return None
    today = organization_today(request.organization)
    return {
        "overdue_count": review_selectors.overdue_count(request.membership, today=today),
        "advance_requests": phase_selectors.pending_requests(visible_residences(request.membership)).count(),
    }
