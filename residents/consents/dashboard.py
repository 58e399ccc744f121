"""The resident's "consents to sign" card on the signed-in home page (see recovery.dashboard): a consent staff
drafted waits for the resident, so the resident must meet it where they land."""

from recovery.models import Role
from recovery.registry import dashboard_card
from residents.consents.services import consents_to_sign
from residents.profiles.selectors import my_resident_record


@dashboard_card("residents/consents/_to_sign.html", order=15)
def consents_waiting(request):
    if request.membership.role != Role.RESIDENT:
        return None
    resident = my_resident_record(request.user)
    waiting = consents_to_sign(resident).count() if resident is not None else 0
    return {"waiting": waiting} if waiting else None
