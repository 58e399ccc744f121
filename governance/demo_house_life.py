"""Demo passes, chores and the house treasury: a few weeks of chore rotation with completions (and one miss),
answered passes with one resident overdue back, and a peer-run (or democratic) home's treasury with expenses and
last month's audit. Runs after the stays are seeded; safe to run again (each part is skipped once present)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from governance import chore_services, pass_services, treasury_services
from governance.chore_models import Chore, ChoreAssignment
from governance.pass_models import Pass, PassStatus
from governance.treasury_models import TreasuryExpense
from recovery.models import Membership, Role
from recovery.tenancy import tenant_scope
from residences.homes.selectors import current_stay_in, local_today
from residences.models import Residence

CHORES = [
    ("Kitchen and dishes", "daily", "Counters wiped, dishwasher run, floor swept."),
    ("Bathrooms", "twice_weekly", "Sinks, toilets, showers; restock paper."),
    ("Trash and recycling", "twice_weekly", "Out Tuesday and Friday nights."),
    ("Living room and floors", "weekly", "Vacuum and mop the shared rooms."),
]


def seed(organization) -> None:
    with tenant_scope(organization):
        today = local_today(organization)
        homes = [home for home in Residence.objects.order_by("pk") if current_stay_in(home, today=today).exists()]
        manager = Membership.objects.filter(role=Role.HOUSE_MANAGER).select_related("user").first()
        by = manager.user if manager else None
        for home in homes:
            _seed_chores(home, today=today, by=by)
            _seed_passes(home, today=today, by=by)
        treasury_homes = sorted((h for h in homes if treasury_services.treasury_open(h)), key=lambda h: h.level)
        if treasury_homes:
            _seed_treasury(treasury_homes[0], today=today, by=by)


def _seed_chores(home, *, today, by) -> None:
    if Chore.objects.filter(residence=home).exists():
        return
    for name, frequency, notes in CHORES:
        chore_services.add_chore(residence=home, name=name, frequency=frequency, notes=notes)
    for weeks_ago in (3, 2, 1, 0):
        chore_services.turn_week(residence=home, today=today - timedelta(weeks=weeks_ago))
    past = ChoreAssignment.objects.filter(chore__residence=home, week__week_of__lt=chore_services.week_start(today))
    for index, assignment in enumerate(past.order_by("week__week_of", "chore__name")):
        if index == 5:
            chore_services.mark_missed(assignment=assignment, by=by, note="Not done; talked it over at house meeting.")
            continue
        chore_services.mark_done(assignment=assignment)
        chore_services.check(assignment=assignment, by=by)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _seed_passes(home, *, today, by) -> None:
    if Pass.objects.filter(residence=home).exists():
        return
    stays = [row.stay for row in current_stay_in(home, today=today)]
    if not stays:
        return
    now = timezone.now()
    decided = {"status": PassStatus.APPROVED, "decided_by": by, "decided_at": now - timedelta(days=6)}
    first = stays[0]
    lunch = today - timedelta(days=5)
    done = Pass.objects.create(stay=first, residence=home, kind="day", destination="Family lunch",
                               leaves_at=_at(lunch, 10), returns_at=_at(lunch, 18), **decided)  # fmt: skip
    trip = pass_services.sign_out(stay=first, residence=home, by=first.resident.user, on_pass=done, now=done.leaves_at)
    pass_services.sign_back_in(sign_out=trip, by=first.resident.user, now=done.returns_at - timedelta(hours=1))
    soon = today + timedelta(days=3)
    Pass.objects.create(stay=first, residence=home, kind="overnight", destination="Sister's apartment",
                        leaves_at=_at(soon, 17), returns_at=_at(soon + timedelta(days=1), 12))  # fmt: skip
    if len(stays) > 1:
        late = stays[1]
        overdue = Pass.objects.create(stay=late, residence=home, kind="day", destination="Job interview",
                                      leaves_at=now - timedelta(hours=10), returns_at=now - timedelta(hours=2),
                                      **decided)  # fmt: skip
        sign_out = pass_services.sign_out(stay=late, residence=home, by=by, on_pass=overdue, now=overdue.leaves_at)
        pass_services.flag_if_overdue(sign_out=sign_out)


def _seed_treasury(home, *, today, by) -> None:
    if TreasuryExpense.objects.filter(residence=home).exists():
        return
    rows = sorted(current_stay_in(home, today=today), key=lambda row: row.starts_on)
    stays = [row.stay for row in rows]
    first_day = max(rows[-1].starts_on, today - timedelta(days=40))  # everyone of today lived here from then on
    for stay in stays:
        treasury_services.record_contribution(residence=home, resident=stay.resident, paid_on=first_day,
                                              amount=Decimal("20.00"), note="House fund", by=by)  # fmt: skip
    expenses = [("Paper towels and soap", "18.47", None), ("Groceries for house dinner", "62.10", 0),
                ("Light bulbs", "9.99", None), ("Coffee and filters", "14.25", -1)]  # fmt: skip
    for offset, (what, amount, payer) in enumerate(expenses):
        spent_on = min(today, first_day + timedelta(days=3 + 8 * offset))
        paid_by = stays[payer].resident if payer is not None else None
        treasury_services.record_expense(residence=home, spent_on=spent_on, what=what, amount=Decimal(amount),
                                         paid_by=paid_by, by=by)  # fmt: skip
    last_month = treasury_services.month_start(today) - timedelta(days=1)
    audit = treasury_services.open_audit(residence=home, month=last_month)
    signers = [stay.resident.user for stay in stays if stay.resident.user_id][:2]
    if len(signers) == 2:
        for signer in signers:
            audit = treasury_services.sign_audit(audit=audit, by=signer, as_manager=False)
    elif by is not None:
        treasury_services.sign_audit(audit=audit, by=by, as_manager=True)
