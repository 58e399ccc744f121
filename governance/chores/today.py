"""Chores on the home page's Today (recovery.today): the resident's chores this week not yet done. One query."""

from django.urls import reverse
from django.utils.translation import gettext

from governance.chores.models import ChoreAssignment
from governance.chores.services import week_start
from recovery.models import Role
from recovery.registry import TodayLine, today_lines
from recovery.tenancy import viewer_today


@today_lines(roles={Role.RESIDENT}, order=40)
def my_chores_to_do(request):
    today = viewer_today(request)
    to_do = ChoreAssignment.objects.filter(
        resident__user=request.user, week__week_of=week_start(today), done_at__isnull=True, missed_at__isnull=True
    ).count()
    if to_do:
        yield TodayLine(gettext("Chores to do this week"), reverse("governance:chore_mine"), count=to_do)
