"""Every expiry a consent can carry is enforced (issue 14, item 7): a date; an event Hearth knows (move-out,
discharge, the end of a phase) by itself; an event it cannot know confirmed at each disclosure and ended when staff
mark it as happened. The disclose page shows the expiry."""

from datetime import timedelta

import pytest
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from residences.stays import services as stays
from residences.stays.selectors import open_stay_of
from residents.consents import services
from residents.consents.models import Consent, Disclosure, ExpiryEvent
from residents.models import Phase
from residents.phases.services import move_to_phase
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import make_member
from tests.residents.builders import make_consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(harbor):
    return organization_today(harbor)


@pytest.fixture
def resident(harbor, today):
    return add_resident(make_peer_home(harbor, beds=2), move_in=today - timedelta(days=60))


@pytest.fixture
def staff(harbor):
    return make_member(harbor, Role.STAFF)


def consent_until(harbor, resident, kind, event=""):
    return make_consent(harbor, resident=resident, expires_in_days=None, expiry_kind=kind, expiry_event=event)


def disclose(consent, **confirmed):
    with tenant_scope(consent.organization):
        recipient = consent.recipients.order_by("pk").first()
        return services.disclose(
            consent_recipient=recipient, info_classes=["test_results"], channel="export", by=None, **confirmed
        )


def move_out(resident, *, on, reason="completed"):
    with tenant_scope(resident.organization):
        stays.move_out(stay=open_stay_of(resident), on=on, reason=reason)


# --- The case ------------------------------------------------------------------------------------------


def test_a_consent_until_i_move_out_is_refused_fourteen_days_after_the_move_out(harbor, resident, today):
    consent = consent_until(harbor, resident, ExpiryEvent.MOVE_OUT)
    assert disclose(consent).consent == consent
    move_out(resident, on=today - timedelta(days=14))
    with pytest.raises(services.ConsentProblem, match="expired with their move-out on"):
        disclose(consent)
    with tenant_scope(harbor):
        assert Disclosure.objects.count() == 1


def test_a_consent_whose_typed_event_says_until_i_move_out_is_enforced_as_the_move_out(harbor, resident, today):
    consent = consent_until(harbor, resident, "", "until I move out")
    assert consent.expiry_kind == ExpiryEvent.MOVE_OUT
    move_out(resident, on=today - timedelta(days=14))
    with pytest.raises(services.ConsentProblem, match="expired with their move-out on"):
        disclose(consent, event_not_happened=True)


def test_a_consent_until_i_move_out_holds_while_the_move_out_is_only_planned(harbor, resident, today):
    consent = consent_until(harbor, resident, ExpiryEvent.MOVE_OUT)
    move_out(resident, on=today + timedelta(days=7))
    assert disclose(consent).consent == consent
    with tenant_scope(harbor):
        consent.refresh_from_db()
        assert services.consent_problem(consent, today=today + timedelta(days=7)) is not None


def test_the_disclose_page_shows_the_expiry(client, harbor, resident, staff, today):
    consent = consent_until(harbor, resident, ExpiryEvent.MOVE_OUT)
    move_out(resident, on=today + timedelta(days=7))
    client.force_login(staff)
    page = client.get(reverse("residents:disclose", kwargs={"pk": consent.pk})).content.decode()
    day = today + timedelta(days=7)
    assert f"when they move out (on {day:%B} {day.day}, {day.year})" in page


# --- An event Hearth cannot know -------------------------------------------------------------------------------


def test_another_event_is_confirmed_at_each_disclosure_and_the_page_asks_for_it(client, harbor, resident, staff):
    consent = consent_until(harbor, resident, ExpiryEvent.OTHER, "probation ends")
    with pytest.raises(services.ConsentProblem, match="Confirm that this has not happened"):
        disclose(consent)
    disclosure = disclose(consent, event_not_happened=True)
    with tenant_scope(harbor):
        audit = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, object_id=str(disclosure.pk)).get()
    assert "confirmed as not happened" in audit.detail
    client.force_login(staff)
    page = client.get(reverse("residents:disclose", kwargs={"pk": consent.pk})).content.decode()
    assert "I confirm that this has not happened: probation ends." in page
    assert "when probation ends" in page
    with tenant_scope(harbor):
        recipient = consent.recipients.order_by("pk").first()
    form = {"recipient": recipient.pk, "information_classes": ["test_results"], "channel": "export", "description": "x"}
    refused = client.post(reverse("residents:disclose", kwargs={"pk": consent.pk}), form)
    assert refused.status_code == 200 and "attachment" not in refused.get("Content-Disposition", "")
    sent = client.post(reverse("residents:disclose", kwargs={"pk": consent.pk}), {**form, "event_not_happened": "on"})
    assert sent["Content-Disposition"].startswith("attachment;")


def test_staff_mark_another_event_as_happened_and_the_consent_ends_audited(client, harbor, resident, staff, today):
    consent = consent_until(harbor, resident, ExpiryEvent.OTHER, "probation ends")
    client.force_login(staff)
    url = reverse("residents:consent_event_happened", kwargs={"pk": consent.pk})
    detail = client.get(reverse("residents:consent_detail", kwargs={"pk": consent.pk})).content.decode()
    assert url in detail
    future = client.post(url, {"on": (today + timedelta(days=1)).isoformat()})
    assert future.status_code == 200 and "cannot be after today" in future.content.decode()
    assert client.post(url, {"on": today.isoformat()}).status_code == 302
    with tenant_scope(harbor):
        consent.refresh_from_db()
        assert (consent.event_happened_on, consent.event_marked_by) == (today, staff)
        changes = AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, detail="expiry event marked as happened")
        assert changes.count() == 1
    with pytest.raises(services.ConsentProblem, match="expired when probation ends happened"):
        disclose(consent, event_not_happened=True)


def test_an_event_hearth_knows_cannot_be_marked_by_hand(harbor, resident, staff, today):
    consent = consent_until(harbor, resident, ExpiryEvent.MOVE_OUT)
    with tenant_scope(harbor), pytest.raises(services.ConsentProblem, match="cannot know"):
        services.mark_expiry_event_happened(consent=consent, on=today, by=staff)


def test_a_stay_event_needs_a_current_stay(harbor, resident, today):
    move_out(resident, on=today - timedelta(days=1))
    with pytest.raises(services.ConsentProblem, match="no current stay"):
        consent_until(harbor, resident, ExpiryEvent.DISCHARGE)


# --- Every kind of expiry, enumerated --------------------------------------------------------------------------


def _date_passes(harbor, resident, consent, today):
    with tenant_scope(harbor):
        Consent.objects.filter(pk=consent.pk).update(expires_on=today - timedelta(days=1))


def _moves_out(harbor, resident, consent, today):
    move_out(resident, on=today)


def _discharged(harbor, resident, consent, today):
    move_out(resident, on=today - timedelta(days=3), reason="rule_violation")


def _phase_ends(harbor, resident, consent, today):
    with tenant_scope(harbor):
        stay = open_stay_of(resident)
        home = consent.expiry_phase_step.phase.residence
        move_to_phase(stay=stay, phase=Phase.objects.get(residence=home, position=2), on=today)


def _marked_as_happened(harbor, resident, consent, today):
    with tenant_scope(harbor):
        services.mark_expiry_event_happened(consent=consent, on=today, by=make_member(harbor, Role.STAFF))


# Each expiry a consent can carry, and how it comes: by itself (Hearth knows it) or marked by staff.
WHEN_IT_COMES = {
    "date": (_date_passes, "enforced"),
    ExpiryEvent.MOVE_OUT: (_moves_out, "enforced"),
    ExpiryEvent.DISCHARGE: (_discharged, "enforced"),
    ExpiryEvent.PHASE_END: (_phase_ends, "enforced"),
    ExpiryEvent.OTHER: (_marked_as_happened, "confirmed"),
}


def test_every_expiry_a_consent_can_carry_is_listed_here():
    assert set(WHEN_IT_COMES) == {"date", *ExpiryEvent.values}


@pytest.mark.parametrize("kind", list(WHEN_IT_COMES))
def test_every_expiry_is_enforced_or_confirmed(harbor, resident, today, kind):
    if kind == "date":
        consent = make_consent(harbor, resident=resident, expires_in_days=30)
    else:
        consent = consent_until(harbor, resident, kind, "probation ends" if kind == ExpiryEvent.OTHER else "")
    happen, how = WHEN_IT_COMES[kind]
    with tenant_scope(harbor):
        consent.refresh_from_db()
        expiry = services.expiry_of(consent, today=today)
    assert expiry.ended_on is None
    # An event Hearth cannot know is asked about at every disclosure; any other expiry needs nothing asked.
    assert bool(expiry.to_confirm) == (how == "confirmed")
    happen(harbor, resident, consent, today)
    with tenant_scope(harbor):
        consent = Consent.objects.select_related(*services.CONSENT_EXPIRY_JOINS).get(pk=consent.pk)
        assert services.consent_problem(consent, today=today + timedelta(days=1)) is not None
        assert not services.is_in_force(consent, today=today + timedelta(days=1))
    with pytest.raises(services.ConsentProblem, match="expired"):
        disclose(consent, event_not_happened=True)
