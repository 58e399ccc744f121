"""Rent on the home page's Today (recovery.today): a resident's balance due; for staff, how many living in their
homes owe money. One query each (balances are a subquery, never a query per stay)."""

from django.urls import reverse
from django.utils.translation import gettext

from recovery.models import Role
from recovery.registry import TodayLine, today_lines
from recovery.templatetags.money import money
from recovery.tenancy import viewer_today
from residences.homes.selectors import stay_not_ended, stays_living_in, visible_residences
from residences.ledger.selectors import _balance_subquery
from residences.models import LedgerEntry


@today_lines(roles={Role.RESIDENT}, order=50)
def my_balance_due(request):
    from django.db.models import Sum

    not_ended = stay_not_ended(viewer_today(request), "stay__")
    owed = LedgerEntry.objects.filter(not_ended, stay__resident__user=request.user).aggregate(
        total=Sum("balance_effect")
    )["total"]
    if owed and owed > 0:
        yield TodayLine(
            gettext("Balance due: %(amount)s") % {"amount": money(owed)},
            reverse("residences:my_balance"),
        )


@today_lines(roles={Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER}, order=50)
def behind_on_rent(request):
    today = viewer_today(request)
    homes = visible_residences(request.membership)
    stays = stays_living_in(homes, on=today).annotate(balance=_balance_subquery())
    count = stays.filter(balance__gt=0).count()
    if count:
        # One home: its "who is behind" page; several: the homes, each with its own.
        only = list(homes.values_list("pk", flat=True)[:2])
        url = reverse("residences:behind", args=[only[0]]) if len(only) == 1 else reverse("residences:residence_list")
        yield TodayLine(gettext("Behind on rent"), url, count=count)
