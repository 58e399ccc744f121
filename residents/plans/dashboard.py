"""The resident's "my recovery" card on the signed-in home page (see recovery.dashboard)."""

from recovery import dashboard
from recovery.models import Role
from residents.profiles.selectors import my_resident_record


def my_recovery(request):
    if request.membership.role != Role.RESIDENT:
        return None
    return {"has_record": my_resident_record(request.user) is not None}


dashboard.register("residents/plans/_my_recovery.html", context=my_recovery, order=20)
