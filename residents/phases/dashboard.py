"""The house's celebrations on the signed-in home page (see recovery.dashboard), for staff and residents."""

from recovery.models import Role
from recovery.registry import dashboard_card
from recovery.tenancy import organization_today
from residences.homes.selectors import visible_residences
from residents.phases import selectors as phase_selectors

SEES_CELEBRATIONS = (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER, Role.RESIDENT)


@dashboard_card("residents/phases/_celebrations.html", order=80)
def celebrations(request):
    if request.membership.role not in SEES_CELEBRATIONS:
        return None
    homes = visible_residences(request.membership, own_home=True)
    today = organization_today(request.organization)
    rows = list(phase_selectors.recent_celebrations(homes, today=today, days=14)[:5])
    return {"celebrations": rows} if rows else None
