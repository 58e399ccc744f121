"""Votes on the home page's Today (recovery.today): the open motions of a resident's house they may vote on (they
were living there when voting opened) and have not. Two queries (where they live; the motions)."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext

from governance.house_meetings.models import Ballot, Motion, MotionElector
from recovery.models import Role
from recovery.registry import TodayLine, today_lines
from residences.homes.selectors import home_residence_id
from residents.profiles.selectors import my_resident_record


@today_lines(roles={Role.RESIDENT}, order=20)
def open_votes(request):
    home_id = home_residence_id(request.membership)
    resident = my_resident_record(request.user)
    if home_id is None or resident is None:
        return
    voted = Ballot.objects.filter(motion=OuterRef("pk"), voter=resident)
    elector = MotionElector.objects.filter(motion=OuterRef("pk"), resident=resident)
    waiting = list(
        Motion.objects.filter(residence_id=home_id, closed_at__isnull=True)
        .filter(Q(electorate_fixed_at__isnull=True) | Exists(elector))
        .exclude(Exists(voted))
        .order_by("opened_at")
        .values_list("pk", flat=True)[:50]
    )
    if waiting:
        url = reverse("governance:motion", args=[waiting[0]]) if len(waiting) == 1 else reverse("governance:my_house")
        yield TodayLine(
            gettext("Vote on an open motion") if len(waiting) == 1 else gettext("Open votes"), url, count=len(waiting)
        )
