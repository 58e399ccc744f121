"""The residents' cards on the signed-in home page (see recovery.dashboard): overdue reviews and requests to
move up for staff; "my phase" for a resident; the house's celebrations for both."""

from recovery import dashboard
from recovery.models import Role

STAFF = (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)


def _today(request):
    from residences.homes.selectors import local_today

    return local_today(request.organization)


def staff_work(request):
    if request.membership.role not in STAFF:
        return None
    from residents.phases import selectors as phase_selectors
    from residents.reviews import selectors as review_selectors

    return {
        "overdue_count": review_selectors.overdue_count(request.membership, today=_today(request)),
        "advance_requests": phase_selectors.pending_requests(phase_selectors.homes_in_view(request.membership)).count(),
    }


def my_recovery(request):
    if request.membership.role != Role.RESIDENT:
        return None
    from residents.profiles.selectors import my_resident_record

    return {"has_record": my_resident_record(request.user) is not None}


def celebrations(request):
    if request.membership.role not in (*STAFF, Role.RESIDENT):
        return None
    from residents.phases import selectors as phase_selectors

    rows = list(
        phase_selectors.recent_celebrations(
            phase_selectors.homes_in_view(request.membership), today=_today(request), days=14
        )[:5]
    )
    return {"celebrations": rows} if rows else None


def register():
    dashboard.register("residents/dashboard/_staff_work.html", context=staff_work, order=20)
    dashboard.register("residents/dashboard/_my_recovery.html", context=my_recovery, order=20)
    dashboard.register("residents/dashboard/_celebrations.html", context=celebrations, order=80)
