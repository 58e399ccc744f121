"""Reads for the treasury pages: each resident's balance, the expenses (paginated), the month's audit."""

from decimal import Decimal

from django.db.models import Sum

from governance.treasury.models import TreasuryAudit, TreasuryContribution, TreasuryExpense, TreasuryShare
from residences.homes.selectors import living_in


def balances(residence, *, today) -> list[tuple]:
    """(resident, balance) for the home's current residents: what they paid (expenses and into the fund) less
    their shares. Three aggregate queries, whatever the history."""
    residents = [row.stay.resident for row in living_in(residence, on=today)]
    ids = [resident.pk for resident in residents]

    def totals(queryset, field):
        return dict(queryset.filter(**{f"{field}__in": ids}).values_list(field).annotate(total=Sum("amount")))

    paid = totals(TreasuryExpense.objects.filter(residence=residence), "paid_by")
    given = totals(TreasuryContribution.objects.filter(residence=residence), "resident")
    owed = totals(TreasuryShare.objects.filter(expense__residence=residence), "resident")
    zero = Decimal("0.00")
    return [
        (resident, paid.get(resident.pk, zero) + given.get(resident.pk, zero) - owed.get(resident.pk, zero))
        for resident in residents
    ]


def expenses(residence):
    return TreasuryExpense.objects.filter(residence=residence).select_related("paid_by").order_by("-spent_on", "-pk")


def contributions(residence):
    return TreasuryContribution.objects.filter(residence=residence).select_related("resident")


def audits(residence):
    return TreasuryAudit.objects.filter(residence=residence).select_related("first_signer", "second_signer")
