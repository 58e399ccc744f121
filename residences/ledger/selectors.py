"""Reads for the ledger's pages: a stay's ledger with its running balance, a statement for any period, the
resident's own balance, and who is behind in a home (also for the home's page). Each is a fixed few queries,
however long the ledger grows."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from recovery.models import Role
from recovery.tenancy import organization_today
from residences.homes.selectors import (
    assigned_residence_ids,
    home_of,
    latest_home_id,
    stay_not_ended,
    stays_living_in,
)
from residences.ledger.models import EntryKind, NonPaymentStepKind
from residences.ledger.services import (
    DEFAULT_REFUND_POLICY,
    NONPAYMENT_STEPS,
    NONPAYMENT_WAITS,
    REFUND_POLICIES,
    STEP_NOTES,
)
from residences.models import FeeDisclosure, LedgerEntry, NonPaymentStep, Residence, Stay

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
LEDGER_PAGE_SIZE = 50


@dataclass
class LedgerRow:
    entry: LedgerEntry
    balance: Decimal  # after this entry

    @property
    def charge(self) -> Decimal | None:
        return self.entry.balance_effect if self.entry.balance_effect > 0 else None

    @property
    def paid_or_credited(self) -> Decimal | None:
        return -self.entry.balance_effect if self.entry.balance_effect < 0 else None

    @property
    def corrected(self) -> LedgerEntry | None:
        """The correction that reversed this entry, if any (joined by the selectors, so no query)."""
        try:
            return self.entry.correction
        except LedgerEntry.DoesNotExist:
            return None


def _entries(stay: Stay):
    return LedgerEntry.objects.filter(stay=stay).select_related("correction")


def _sum(queryset) -> Decimal:
    total = queryset.aggregate(total=Sum("balance_effect"))["total"] or ZERO
    return Decimal(total).quantize(CENT)  # SQLite hands a sum back unscaled


def _before(entry: LedgerEntry) -> Q:
    """Entries ordered before `entry` in the ledger's order (posted_on, created_at, pk)."""
    return (
        Q(posted_on__lt=entry.posted_on)
        | Q(posted_on=entry.posted_on, created_at__lt=entry.created_at)
        | Q(posted_on=entry.posted_on, created_at=entry.created_at, pk__lt=entry.pk)
    )


def with_running_balance(entries, *, opening: Decimal) -> list[LedgerRow]:
    """Rows in ledger order, each with the balance after it — added up in Python, in Decimal."""
    rows, balance = [], opening
    for entry in entries:
        balance += entry.balance_effect
        rows.append(LedgerRow(entry=entry, balance=balance))
    return rows


def ledger_rows(stay: Stay) -> list[LedgerRow]:
    """Every entry of a stay's ledger, oldest first, each with the balance after it (the export of the ledger
    page). One query."""
    return with_running_balance(_entries(stay).order_by("posted_on", "created_at", "pk"), opening=ZERO)


def ledger_page(stay: Stay, *, page_number=None, per_page: int = LEDGER_PAGE_SIZE) -> Page:
    """One page of a stay's ledger, newest first, each row with the balance after it.

    Three queries whatever the size: the count, the page's entries, and the sum of everything older than the
    page (its opening balance).
    """
    newest_first = _entries(stay).order_by("-posted_on", "-created_at", "-pk")
    page = Paginator(newest_first, per_page).get_page(page_number)
    entries = list(reversed(page.object_list))
    opening = _sum(LedgerEntry.objects.filter(stay=stay).filter(_before(entries[0]))) if entries else ZERO
    page.object_list = list(reversed(with_running_balance(entries, opening=opening)))
    return page


@dataclass
class LedgerSummary:
    balance: Decimal
    signed_disclosure: FeeDisclosure | None
    pending_disclosure: FeeDisclosure | None
    steps: list = field(default_factory=list)  # the current overdue stretch's steps, oldest first

    @property
    def owes(self) -> bool:
        return self.balance > 0


def ledger_summary(stay: Stay, *, for_resident: bool = False) -> LedgerSummary:
    """The balance, the disclosures and the unpaid-balance steps a ledger page shows above the entries."""
    disclosures = list(FeeDisclosure.objects.filter(stay=stay).order_by("-prepared_at", "-pk")[:10])
    signed = next((d for d in disclosures if d.is_signed), None)
    pending = next((d for d in disclosures if not d.is_signed), None)
    steps = NonPaymentStep.objects.filter(stay=stay).order_by("-opened_on", "-pk")
    if for_resident:
        steps = steps.filter(visible_to_resident=True)
    steps = list(steps[:8])
    # Only the latest stretch's steps: an earlier stretch was paid off.
    current = [step for step in steps if step.overdue_since == steps[0].overdue_since] if steps else []
    balance = _sum(LedgerEntry.objects.filter(stay=stay))
    if balance <= 0:
        current = []
    return LedgerSummary(balance=balance, signed_disclosure=signed, pending_disclosure=pending, steps=current[::-1])


def nonpayment_process() -> list[tuple[str, int, int, str]]:
    """The house's steps for an unpaid balance, as published to residents: (name, after days past due, days after
    the step before, what it means)."""
    return [(step.label, after_days, NONPAYMENT_WAITS[step], STEP_NOTES[step]) for step, after_days in NONPAYMENT_STEPS]


@dataclass
class Statement:
    stay: Stay
    starts_on: date
    ends_on: date  # inclusive
    opening: Decimal
    rows: list[LedgerRow]
    closing: Decimal
    charged: Decimal
    paid: Decimal
    credited: Decimal


def statement(stay: Stay, *, starts_on: date, ends_on: date) -> Statement:
    """A stay's statement for any period (both ends included): opening balance, every entry, closing balance.

    Two queries: the opening balance, and the period's entries.
    """
    opening = _sum(LedgerEntry.objects.filter(stay=stay, posted_on__lt=starts_on))
    entries = list(_entries(stay).filter(posted_on__gte=starts_on, posted_on__lte=ends_on))
    rows = with_running_balance(entries, opening=opening)
    charged = sum((row.charge or ZERO for row in rows), ZERO)
    paid = sum((row.entry.amount for row in rows if row.entry.kind == EntryKind.PAYMENT), ZERO)
    credited = sum((row.paid_or_credited or ZERO for row in rows), ZERO) - paid
    return Statement(
        stay=stay,
        starts_on=starts_on,
        ends_on=ends_on,
        opening=opening,
        rows=rows,
        closing=rows[-1].balance if rows else opening,
        charged=charged,
        paid=paid,
        credited=credited,
    )


def stay_with_resident(queryset=None):
    """Stays with their resident joined, for looking one up by id on a ledger page."""
    return (queryset if queryset is not None else Stay.objects.all()).select_related("resident")


def residence_of_stay(stay: Stay) -> Residence | None:
    """The home the ledger files a stay under: its current bed's, or its last one's once it has ended (one query;
    `residences.homes.selectors.home_of` with `latest=True`)."""
    return home_of(stay=stay, on=None, latest=True)


def own_stay(user) -> Stay | None:
    """The signed-in resident's own stay in this organization: the open one, else the latest."""
    stays = Stay.objects.filter(resident__user=user).select_related("resident")
    current = stays.filter(stay_not_ended(organization_today())).order_by("-move_in").first()
    return current or stays.order_by("-move_in").first()


def has_signed_disclosure(stay: Stay) -> bool:
    """Whether the stay has a signed fee disclosure (no charge may be posted before one). One query."""
    return FeeDisclosure.objects.filter(stay=stay, signed_at__isnull=False).exists()


def disclosure_defaults(stay: Stay) -> dict:
    """What a new disclosure starts from: the home's rent policy and the house's usual refund policy."""
    residence = residence_of_stay(stay)
    initial = {"refund_policy": DEFAULT_REFUND_POLICY, "deposit_amount": ZERO}
    if residence is not None:
        initial |= {
            "rent_amount": residence.rent_amount,
            "rent_period": residence.rent_period,
            "rent_rule": residence.rent_rule,
            "refund_policy": REFUND_POLICIES[residence.rent_rule],
        }
    return initial


# --- Who is behind -----------------------------------------------------------------------------------------

_MONEY = DecimalField(max_digits=12, decimal_places=2)


def _balance_subquery():
    per_stay = LedgerEntry.objects.filter(stay=OuterRef("pk")).order_by().values("stay")
    return Coalesce(
        Subquery(per_stay.annotate(total=Sum("balance_effect")).values("total"), output_field=_MONEY),
        Value(ZERO),
        output_field=_MONEY,
    )


def _latest_step_subquery(column: str):
    latest = NonPaymentStep.objects.filter(stay=OuterRef("pk")).order_by("-opened_on", "-pk")
    return Subquery(latest.values(column)[:1])


def residence_balances(residence: Residence, *, today: date) -> list[Stay]:
    """Everyone living in the home today with what they owe, most owed first, and the latest step opened.

    One query: balances and the latest step come from subqueries, never a query per resident. Each stay has
    `balance`, `latest_step` (a step kind or None), `latest_step_label` and `latest_step_on`.
    """
    stays = (
        stays_living_in(residence, on=today)
        .select_related("resident")
        .annotate(
            balance=_balance_subquery(),
            latest_step=_latest_step_subquery("step"),
            latest_step_on=_latest_step_subquery("opened_on"),
        )
        .order_by("-balance", "resident__last_name", "resident__first_name", "pk")
    )
    rows = list(stays)
    labels = dict(NonPaymentStepKind.choices)
    for stay in rows:
        stay.balance = Decimal(stay.balance).quantize(CENT)  # SQLite hands a subquery's sum back unscaled
        stay.latest_step_label = labels.get(stay.latest_step, "")
    return rows


def who_is_behind(residence: Residence, *, today: date) -> list[Stay]:
    """Those living in the home today who owe money, most owed first (see `residence_balances`)."""
    return [stay for stay in residence_balances(residence, today=today) if stay.balance > 0]


def overdue_balances(residence: Residence, *, today: date, limit: int = 5) -> dict:
    """For the home's page: how many living there owe, how much in all, and the few who owe most."""
    behind = who_is_behind(residence, today=today)
    return {"count": len(behind), "total": sum((stay.balance for stay in behind), ZERO), "top": behind[:limit]}


def same_entry_lately(stay, *, kind: str, amount, within) -> bool:
    """Whether an entry of `kind` (EntryKind) for `amount` (Decimal) was posted on `stay` in the last `within` (a
    timedelta), by anyone: the ledger pages ask before posting the same again. One query."""
    since = timezone.now() - within
    return LedgerEntry.objects.filter(stay=stay, kind=kind, amount=amount, created_at__gte=since).exists()


def entries_visible_to(membership):
    """The ledger entries this member may read, by the ledger pages' rule (`residences.view_ledger`): every entry
    for admins and staff; for a house manager, the entries of stays filed under a home they look after (the home
    of the stay's latest bed, as `residence_of_stay`); for a resident, their own stays' entries; nothing for anyone
    else. An unevaluated LedgerEntry queryset with the stay joined, oldest first (the ledger's order)."""
    entries = LedgerEntry.objects.select_related("stay")
    if membership.role in (Role.ADMIN, Role.STAFF):
        return entries
    if membership.role == Role.HOUSE_MANAGER:
        return entries.annotate(filed_under=latest_home_id(OuterRef("stay"))).filter(
            filed_under__in=assigned_residence_ids(membership)
        )
    if membership.role == Role.RESIDENT:
        return entries.filter(stay__resident__user=membership.user)
    return entries.none()
