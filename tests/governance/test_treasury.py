"""The house treasury: equal shares to the cent among the day's residents, balances, the month's report, and
the monthly audit (two residents or a manager, once per home and month)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.treasury import selectors, services
from governance.treasury.models import TreasuryAudit, TreasuryShare
from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from tests.recovery.builders import make_member
from tests.residences.builders import admit, make_home, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Willow House", level=1, beds=("A", "B", "C", "D"))


def _people(harbor, home, count=3):
    names = ["Ana", "Ben", "Cal", "Dee"]
    return [
        admit(
            home,
            first_name=names[i],
            last_name="Test",
            user=make_member(harbor, Role.RESIDENT),
            move_in=date(2020, 1, 1),
        )
        for i in range(count)
    ]


@pytest.mark.parametrize(("amount", "count"), [("10.00", 3), ("0.05", 3), ("100.01", 4), ("7.77", 1), ("0.01", 4)])
def test_split_equally_sums_to_the_amount_exactly(amount, count):
    shares = services.split_equally(Decimal(amount), count)
    assert sum(shares) == Decimal(amount) and len(shares) == count
    assert max(shares) - min(shares) <= Decimal("0.01")


def test_an_expense_is_shared_among_the_residents_of_that_day(harbor, home):
    stays = _people(harbor, home, 3)
    admit(home, first_name="Late", last_name="Comer", move_in=date(2026, 12, 1))
    with tenant_scope(harbor):
        expense = services.record_expense(
            residence=home,
            spent_on=date(2026, 11, 5),
            what="Groceries",
            amount=Decimal("10.00"),
            paid_by=stays[0].resident,
        )
        shares = list(TreasuryShare.objects.filter(expense=expense))
        assert sum(share.amount for share in shares) == Decimal("10.00")
        assert {share.resident_id for share in shares} == {stay.resident_id for stay in stays}
        balances = dict(selectors.balances(home, today=date(2026, 11, 5)))
        assert balances[stays[0].resident] == Decimal("6.66")  # paid 10.00, owes 3.34
        assert sorted(balances.values()) == [Decimal("-3.33"), Decimal("-3.33"), Decimal("6.66")]


def test_the_month_report_counts_income_and_fund_expenses(harbor, home):
    stays = _people(harbor, home, 2)
    with tenant_scope(harbor):
        services.record_contribution(
            residence=home, resident=stays[0].resident, paid_on=date(2026, 10, 30), amount=Decimal("50")
        )
        services.record_contribution(
            residence=home, resident=stays[1].resident, paid_on=date(2026, 11, 2), amount=Decimal("20")
        )
        services.record_expense(residence=home, spent_on=date(2026, 11, 3), what="Paper towels", amount=Decimal("12"))
        report = services.month_report(home, date(2026, 11, 15))
    assert (report.opening_balance, report.income, report.expenses, report.closing_balance) == (
        Decimal("50"),
        Decimal("20"),
        Decimal("12"),
        Decimal("58"),
    )


def test_a_home_without_a_treasury_refuses_expenses(harbor):
    home = make_home(harbor, name="Clinic House", level=3, democracy_features=False)
    _people(harbor, home, 1)
    with tenant_scope(harbor), pytest.raises(services.TreasuryProblem, match="does not keep"):
        services.record_expense(residence=home, spent_on=date(2026, 11, 5), what="x", amount=Decimal("1"))


def test_the_monthly_audit_needs_two_residents_and_is_kept_once_per_month(harbor, home):
    stays = _people(harbor, home, 2)
    first, second = (stay.resident.user for stay in stays)
    with tenant_scope(harbor):
        audit = services.open_audit(residence=home, month=date(2026, 11, 20))
        assert services.open_audit(residence=home, month=date(2026, 11, 3)).pk == audit.pk
        audit = services.sign_audit(audit=audit, by=first, as_manager=False)
        assert audit.completed_at is None
        with pytest.raises(services.TreasuryProblem, match="already signed"):
            services.sign_audit(audit=audit, by=first, as_manager=False)
        audit = services.sign_audit(audit=audit, by=second, as_manager=False)
        assert audit.completed_at and audit.first_signer == first and audit.second_signer == second
        with pytest.raises(services.TreasuryProblem, match="already complete"):
            services.sign_audit(audit=audit, by=second, as_manager=False)
        with pytest.raises(IntegrityError), transaction.atomic():
            TreasuryAudit.objects.create(residence=home, month=date(2026, 11, 1))


def test_a_manager_signs_the_audit_alone(client, harbor, home):
    _people(harbor, home, 1)
    client.force_login(manager_of(home))
    assert client.post(reverse("governance:treasury_audit", args=[home.pk])).status_code == 302
    with tenant_scope(harbor):
        assert TreasuryAudit.objects.get().completed_at is not None


def test_only_the_treasurer_among_residents_records_expenses(client, harbor, home, monkeypatch):
    stays = _people(harbor, home, 2)
    treasurer, other = (stay.resident.user for stay in stays)
    url = reverse("governance:treasury_house", args=[home.pk])
    data = {"expense-spent_on": "2026-11-05", "expense-what": "Milk", "expense-amount": "4.00"}
    client.force_login(other)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    monkeypatch.setattr(
        "governance.officers.selectors.holds_office",
        lambda user, residence, *offices: user == treasurer and "treasurer" in offices,
    )
    client.force_login(treasurer)
    assert client.post(url, data).status_code == 302
    with tenant_scope(harbor):
        assert TreasuryShare.objects.count() == 2


def test_the_treasury_pages_query_counts_do_not_grow_with_history(client, harbor, home):
    stays = _people(harbor, home, 3)
    client.force_login(manager_of(home))
    urls = [reverse("governance:treasury_house", args=[home.pk]), reverse("governance:treasury_report", args=[home.pk])]

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with tenant_scope(harbor):
        services.record_expense(residence=home, spent_on=date(2026, 11, 2), what="Soap", amount=Decimal("3"))
    for url in urls:
        count(url)
    small = [count(url) for url in urls]
    with tenant_scope(harbor):
        for day in range(3, 25):
            services.record_expense(
                residence=home,
                spent_on=date(2026, 11, day),
                what="Food",
                amount=Decimal("9.99"),
                paid_by=stays[day % 3].resident,
            )
            services.record_contribution(
                residence=home, resident=stays[day % 3].resident, paid_on=date(2026, 11, day), amount=Decimal("5")
            )
    assert [count(url) for url in urls] == small


def test_a_resident_is_sent_to_their_homes_treasury(client, harbor, home):
    stays = _people(harbor, home, 1)
    client.force_login(stays[0].resident.user)
    response = client.get(reverse("governance:treasury_mine"))
    assert response.status_code == 302 and response.url == reverse("governance:treasury_house", args=[home.pk])
    assert client.get(reverse("governance:treasury_report", args=[home.pk])).status_code == 200


def test_every_pass_chore_and_treasury_page_answers_every_demo_role_without_a_server_error(client, settings):
    """The demo crawl covers other namespaces; this crawls the passes, chores and treasury pages of each home."""
    from django.core.management import call_command

    from recovery.models import Organization, User
    from residences.models import Residence

    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    organization = Organization.objects.get(slug="harbor-light")
    urls = [reverse(name) for name in ("governance:pass_mine", "governance:chore_mine", "governance:treasury_mine")]
    with tenant_scope(organization):
        for pk in Residence.objects.values_list("pk", flat=True):
            urls += [
                reverse(f"governance:{name}", args=[pk])
                for name in ("pass_house", "chore_house", "treasury_house", "treasury_report")
            ]
    failures, rendered = [], 0
    for local_part in ("admin", "manager", "staff", "coach", "resident"):
        client.force_login(User.objects.get(email=f"{local_part}@harbor.example"))
        for url in urls:
            status = client.get(url).status_code
            rendered += status == 200
            if status >= 500:
                failures.append(f"{local_part}: {url} -> {status}")
    assert not failures
    assert rendered >= 20


def test_last_months_audit_is_asked_for_once_per_home(harbor, home, monkeypatch):
    from governance.treasury.tasks import ask_for_treasury_audits
    from recovery.notifications.models import Notification

    _people(harbor, home, 2)
    manager = manager_of(home)
    with tenant_scope(harbor):
        services.record_expense(residence=home, spent_on=date(2026, 10, 20), what="Soap", amount=Decimal("3"))
    monkeypatch.setattr("governance.treasury.tasks.home_today", lambda home: date(2026, 11, 2))
    assert ask_for_treasury_audits() == 1
    assert ask_for_treasury_audits() == 0
    with tenant_scope(harbor):
        assert TreasuryAudit.objects.get().month == date(2026, 10, 1)
        assert Notification.objects.filter(recipient=manager, kind="governance.treasury_audit_due").count() == 1


def test_residents_sign_last_months_audit_from_the_page_and_a_third_signature_finds_it_done(client, harbor, home):
    stays = _people(harbor, home, 3)
    url = reverse("governance:treasury_audit", args=[home.pk])
    for stay in stays[:2]:
        client.force_login(stay.resident.user)
        assert client.post(url).status_code == 302
    client.force_login(stays[2].resident.user)
    client.post(url)
    with tenant_scope(harbor):
        audit = TreasuryAudit.objects.get()
        assert audit.completed_at is not None and audit.second_signer == stays[1].resident.user
        assert audit.month < organization_today(harbor).replace(day=1)  # last month's books
