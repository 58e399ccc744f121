"""A form is acted on once however often it is sent (issue 14, item 5): every POST form carries a one-time token,
a second sending of it is sent where the first went with "already sent", and the money forms prove it by a real
double post. The crawl over every form of every demo role is in tests/test_forms_fuzz.py."""

import re
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.grievances.models import Grievance
from governance.treasury.models import TreasuryContribution, TreasuryExpense
from recovery.models import FormSubmission, Role
from recovery.submissions import ALREADY_SAVED, FIELD
from recovery.tasks import forget_old_form_submissions
from recovery.tenancy import organization_today, tenant_scope
from residences.models import FeeDisclosure, LedgerEntry
from tests.page_forms import forms_of
from tests.recovery.builders import make_member
from tests.residences.builders import admit, home_of_stay, make_home, make_stay, manager_of, resident_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=\"post\"[^>]*>(.*?)</form>", re.S | re.I)


def _send_twice(client, url, *, with_field, **overrides):
    """Open `url`, take its POST form that has `with_field`, and send it twice as the browser would (same token)."""
    page = client.get(url)
    assert page.status_code == 200
    form = next(form for form in forms_of(page.content.decode(), page_path=url) if with_field in form.fields)
    assert form.fields.get(FIELD), "the form carries a one-time token"
    data = form.data(**overrides)
    return client.post(form.action, data), client.post(form.action, data, follow=True)


def _assert_replayed(first, second):
    assert first.status_code == 302
    assert second.redirect_chain[0] == (first["Location"], 302)
    assert ALREADY_SAVED in second.content.decode()


@pytest.fixture
def stay(harbor):
    return make_stay(harbor)


@pytest.fixture
def today(harbor):
    with tenant_scope(harbor):
        return organization_today()


@pytest.mark.parametrize(
    ("route", "data", "kind"),
    [
        ("residences:record_payment", {"amount": "50.00", "method": "cash"}, "payment"),
        ("residences:post_charge", {"amount": "12.50", "category": "fee"}, "charge"),
        ("residences:post_credit", {"amount": "5.00", "description": "Painted the porch"}, "credit"),
    ],
)
def test_a_ledger_form_sent_twice_records_one_entry(client, harbor, stay, today, route, data, kind):
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse(route, kwargs={"stay_pk": stay.pk})
    first, second = _send_twice(client, url, with_field="amount", posted_on=today.isoformat(), **data)
    _assert_replayed(first, second)
    with tenant_scope(harbor):
        assert LedgerEntry.objects.filter(stay=stay, kind=kind).count() == 1


@pytest.mark.parametrize(
    ("route", "data", "kind"),
    [
        ("residences:record_payment", {"amount": "11.11", "method": "cash"}, "payment"),
        ("residences:post_charge", {"amount": "12.50", "category": "fee"}, "charge"),
        ("residences:post_credit", {"amount": "5.00", "description": "Painted the porch"}, "credit"),
    ],
)
def test_the_same_entry_sent_again_from_a_fresh_page_is_asked_about_and_posted_only_when_confirmed(
    client, harbor, stay, today, route, data, kind
):
    """Back, then send again: the page reloads with a fresh token and the browser refills the amount."""
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse(route, kwargs={"stay_pk": stay.pk})
    first, _replayed = _send_twice(client, url, with_field="amount", posted_on=today.isoformat(), **data)
    assert first.status_code == 302
    again, _ = _send_twice(client, url, with_field="amount", posted_on=today.isoformat(), **data)
    assert again.status_code == 200 and "a few minutes ago" in again.content.decode()
    assert 'name="same_again"' in again.content.decode()
    with tenant_scope(harbor):
        assert LedgerEntry.objects.filter(stay=stay, kind=kind).count() == 1
    confirmed, _ = _send_twice(client, url, with_field="amount", posted_on=today.isoformat(), same_again="yes", **data)
    assert confirmed.status_code == 302
    with tenant_scope(harbor):
        assert LedgerEntry.objects.filter(stay=stay, kind=kind).count() == 2


def test_the_fee_disclosure_sent_twice_is_prepared_once(client, harbor):
    stay = make_stay(harbor, signed=False)
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:prepare_disclosure", kwargs={"stay_pk": stay.pk})
    first, second = _send_twice(
        client, url, with_field="rent_amount", rent_amount="175.00", deposit_amount="0", refund_policy="Prorated."
    )
    _assert_replayed(first, second)
    with tenant_scope(harbor):
        assert FeeDisclosure.objects.filter(stay=stay).count() == 1


@pytest.mark.parametrize(("prefix", "model"), [("expense", TreasuryExpense), ("in", TreasuryContribution)])
def test_a_treasury_entry_sent_twice_is_recorded_once(client, harbor, today, prefix, model):
    home = make_home(harbor, name="Willow House", level=1, beds=("A",))
    ana = admit(home, first_name="Ana", last_name="Test", user=make_member(harbor, Role.RESIDENT)).resident
    client.force_login(manager_of(home))
    url = reverse("governance:treasury_house", args=[home.pk])
    data = {"expense-what": "Milk"} if prefix == "expense" else {"in-resident": str(ana.pk)}
    data[f"{prefix}-amount"] = "4.00"
    first, second = _send_twice(client, url, with_field=f"{prefix}-amount", **data)
    _assert_replayed(first, second)
    with tenant_scope(harbor):
        assert model.objects.count() == 1


def test_a_grievance_sent_twice_is_filed_once(client, harbor):
    user, _resident = resident_in(harbor)
    client.force_login(user)
    first, second = _send_twice(
        client, reverse("governance:grievance_new"), with_field="subject", subject="Noise", details="Every night"
    )
    _assert_replayed(first, second)
    with tenant_scope(harbor):
        assert Grievance.objects.count() == 1


def test_a_form_that_came_back_with_errors_can_be_corrected_and_sent_again(client, harbor, stay, today):
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:record_payment", kwargs={"stay_pk": stay.pk})
    page = client.get(url)
    form = next(form for form in forms_of(page.content.decode(), page_path=url) if "amount" in form.fields)
    refused = client.post(url, form.data(amount="twelve", method="cash", posted_on=today.isoformat()))
    assert refused.status_code == 200  # the form with its message: the token is released
    taken = client.post(url, form.data(amount="12.00", method="cash", posted_on=today.isoformat()))
    assert taken.status_code == 302
    with tenant_scope(harbor):
        assert LedgerEntry.objects.filter(kind="payment").get().amount == Decimal("12.00")


def test_a_malformed_token_is_no_token_and_not_an_error(client, harbor, stay, today):
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:record_payment", kwargs={"stay_pk": stay.pk})
    for cents, token in enumerate(["junk", "\x00", "x" * 5000], start=1):  # other amounts: not "the same again"
        data = {FIELD: token, "amount": f"1.0{cents}", "method": "cash", "payer_kind": "resident", "posted_on": today}
        assert client.post(url, data).status_code == 302
    assert not FormSubmission.objects.exists()


def test_every_post_form_in_the_templates_renders_the_csrf_and_one_time_tokens():
    """`{% csrf_token %}` draws both (recovery/templatetags/forms.py): a POST form without it carries neither."""
    templates = [
        path
        for path in ROOT.rglob("templates/**/*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]
    assert len(templates) > 50
    missing = [
        f"{path.relative_to(ROOT)}: form {n}"
        for path in templates
        for n, body in enumerate(POST_FORM.findall(path.read_text()), start=1)
        if "{% csrf_token %}" not in body and "{% include" not in body
    ]
    assert not missing, "POST forms without {% csrf_token %} (so without the one-time token):\n" + "\n".join(missing)


def test_each_rendering_of_a_form_has_a_fresh_token(client, harbor, stay):
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:record_payment", kwargs={"stay_pk": stay.pk})
    tokens = {forms_of(client.get(url).content.decode(), page_path=url)[-1].fields[FIELD][0] for _ in range(2)}
    assert len(tokens) == 2 and all(uuid.UUID(token) for token in tokens)


def test_tokens_older_than_two_days_are_forgotten():
    old, recent = (
        FormSubmission.objects.create(token=uuid.uuid4(), path="/"),
        FormSubmission.objects.create(token=uuid.uuid4(), path="/"),
    )
    FormSubmission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    assert forget_old_form_submissions() == 1
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]
