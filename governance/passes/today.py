"""Passes on the home page's Today (recovery.today): a resident's own sign-out that is due back; for staff, who is
out past the time they were due back, in the homes they look after. One query each."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext

from governance.passes.models import SignOut
from recovery.models import Role
from recovery.registry import TodayLine, today_lines
from recovery.tenancy import home_time_zone
from residences.homes.selectors import visible_residences


@today_lines(roles={Role.RESIDENT}, order=30)
def my_sign_out(request):
    sign_out = (
        SignOut.objects.filter(stay__resident__user=request.user, back_at__isnull=True)
        .select_related("residence")
        .first()
    )
    if sign_out is not None:
        late = sign_out.due_back_at < timezone.now()
        zone = home_time_zone(sign_out.residence, organization=request.organization)
        when = timezone.localtime(sign_out.due_back_at, zone)
        at = time_format(when, "g:i a")
        text = (
            gettext("Sign back in — you were due back at %(time)s")
            if late
            else gettext("Sign back in — due back at %(time)s")
        ) % {"time": at}
        yield TodayLine(text, reverse("governance:pass_mine"), urgent=late)


@today_lines(roles={Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER}, order=20)
def overdue_back(request):
    homes = visible_residences(request.membership)
    overdue = SignOut.objects.filter(residence__in=homes, back_at__isnull=True, due_back_at__lt=timezone.now())
    first = overdue.order_by("due_back_at").values_list("residence", flat=True).first()
    if first is not None:
        count = overdue.count()
        yield TodayLine(
            gettext("Overdue back"), reverse("governance:pass_house", args=[first]), count=count, urgent=True
        )
