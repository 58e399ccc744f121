"""The resident's "my recovery" card on the signed-in home page (see recovery.dashboard)."""

from recovery.models import Role
from recovery.registry import dashboard_card
from residents.profiles.selectors import my_resident_record


@dashboard_card("residents/plans/_my_recovery.html", order=20)
def my_recovery(request):
    if request.membership.role != Role.RESIDENT:
        return None
    return {"has_record": my_resident_record(request.user) is not None}
