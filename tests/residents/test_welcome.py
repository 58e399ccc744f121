"""From admission to the resident's own sign-in: staff invite a resident to their record (email, text, or a
printed welcome sheet with a code), accepting joins the sign-in to the record, and staff link, relink and revoke
a record's sign-in themselves. The next steps after admission are a checklist on the resident's page."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from recovery.audit.models import AuditEvent
from recovery.models import Invitation, Membership, Role
from recovery.notifications import sms
from recovery.services import InvitationNotSent, InvitationProblem, accept_invitation
from recovery.tenancy import scopes_disabled, tenant_scope
from residents.models import Resident, ResidentInvitation
from residents.welcome import selectors, services
from residents.welcome.models import InvitationChannel
from tests.conftest import SILENT_SMTP_TIMEOUT
from tests.recovery.builders import CommittingClient, UserFactory, committed, make_coach, make_member
from tests.residences.builders import admit, make_home, manager_of

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


@pytest.fixture
def stay(harbor):
    return admit(make_home(harbor, name="Maple House"), first_name="Jordan", last_name="Reyes")


@pytest.fixture
def manager(stay):
    with tenant_scope(stay.organization):
        residence = stay.bed_assignments.select_related("bed__room__residence").get().bed.room.residence
    return manager_of(residence, email="luis@example.org")


def _staff_client(user) -> Client:
    client = CommittingClient()
    client.force_login(user)
    return client


def _invite(stay, channel=InvitationChannel.SHEET):
    with tenant_scope(stay.organization):
        return committed(services.invite_resident, resident=stay.resident, channel=channel, by=None, base_url=BASE)


def _resident(stay) -> Resident:
    with tenant_scope(stay.organization):
        return Resident.objects.get(pk=stay.resident_id)


# --- Services -------------------------------------------------------------------------------------------------


def test_accepting_a_welcome_sheet_code_joins_the_sign_in_to_the_record(stay):
    issued = _invite(stay)
    assert len(issued.code) == 8 and issued.invitation.email == ""
    person = UserFactory(email="jordan.new@example.org")
    membership = accept_invitation(user=person, code_invitation_id=issued.invitation.pk)
    assert membership.role == Role.RESIDENT
    assert _resident(stay).user == person


def test_the_code_is_kept_only_as_a_keyed_hash(stay):
    issued = _invite(stay)
    with scopes_disabled():
        stored = Invitation.objects.get(pk=issued.invitation.pk)
    assert issued.code not in stored.code_hash and stored.code_hash == Invitation.hash_code(issued.code)
    assert Invitation.hash_code(issued.code_for_display.lower()) == stored.code_hash  # any case, with the dash


def test_an_emailed_invitation_joins_the_record_of_the_addressee(stay):
    issued = _invite(stay, InvitationChannel.EMAIL)
    (message,) = mail.outbox
    assert message.to == [stay.resident.email] and "Reyes" not in message.body
    person = UserFactory(email=stay.resident.email)
    accept_invitation(user=person, token=issued.link.rsplit("/invitations/", 1)[1].strip("/"))
    assert _resident(stay).user == person


def test_a_texted_invitation_goes_through_the_sms_backend_without_naming_the_house(stay, settings):
    settings.HEARTH_SMS_BACKEND = "recovery.notifications.sms.LocmemSMSBackend"
    sms.outbox.clear()
    with tenant_scope(stay.organization):
        Resident.objects.filter(pk=stay.resident_id).update(phone="+1 555 0100")
    issued = _invite(stay, InvitationChannel.SMS)
    (text,) = sms.outbox
    assert text["to"] == "+1 555 0100" and issued.link in text["text"] and issued.code_for_display in text["text"]
    assert "Maple" not in text["text"] and "resident" not in text["text"].lower()


def test_inviting_by_text_is_refused_with_a_clear_message_when_there_is_no_phone(stay):
    with pytest.raises(services.SignInProblem, match="no phone number"):
        _invite(stay, InvitationChannel.SMS)


def test_a_new_invitation_withdraws_the_residents_open_one(stay):
    first = _invite(stay)
    _invite(stay)
    with scopes_disabled():
        assert Invitation.objects.get(pk=first.invitation.pk).revoked_at is not None


def test_accepting_is_refused_when_the_record_already_has_another_sign_in(stay, harbor):
    issued = _invite(stay)
    someone = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        Resident.objects.filter(pk=stay.resident_id).update(user=someone)
    newcomer = UserFactory()
    with pytest.raises(InvitationProblem, match="already has its own sign-in"):
        accept_invitation(user=newcomer, code_invitation_id=issued.invitation.pk)
    with tenant_scope(harbor):
        assert not Membership.objects.filter(user=newcomer).exists()  # the acceptance is undone as a whole
    with scopes_disabled():
        assert Invitation.objects.get(pk=issued.invitation.pk).accepted_at is None


def test_inviting_is_refused_when_the_record_already_signs_in(stay, harbor):
    with tenant_scope(harbor):
        Resident.objects.filter(pk=stay.resident_id).update(user=make_member(harbor, Role.RESIDENT))
    with pytest.raises(services.SignInProblem, match="already signs in"):
        _invite(stay)


def test_staff_link_an_existing_resident_account_and_it_is_audited(stay, harbor):
    account = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        membership = Membership.objects.get(user=account)
        services.link_sign_in(resident=stay.resident, membership=membership)
        assert Resident.objects.get(pk=stay.resident_id).user == account
        assert AuditEvent.objects.filter(
            object_type="residents.resident", object_id=str(stay.resident_id), detail="sign-in linked"
        ).exists()


def test_relinking_replaces_the_sign_in_and_says_so_in_the_audit(stay, harbor):
    first, second = make_member(harbor, Role.RESIDENT), make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        services.link_sign_in(resident=stay.resident, membership=Membership.objects.get(user=first))
        services.link_sign_in(resident=stay.resident, membership=Membership.objects.get(user=second))
        assert Resident.objects.get(pk=stay.resident_id).user == second
        assert AuditEvent.objects.filter(object_id=str(stay.resident_id), detail="sign-in relinked").exists()


def test_linking_an_account_of_another_record_is_refused(stay, harbor):
    other = admit(make_home(harbor), first_name="Casey", last_name="Long")
    account = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        membership = Membership.objects.get(user=account)
        services.link_sign_in(resident=other.resident, membership=membership)
        with pytest.raises(services.SignInProblem, match="another resident's record"):
            services.link_sign_in(resident=stay.resident, membership=membership)


def test_linking_a_staff_account_is_refused(stay, harbor):
    with tenant_scope(harbor):
        membership = Membership.objects.get(user=make_member(harbor, Role.STAFF))
        with pytest.raises(services.SignInProblem, match="resident's account"):
            services.link_sign_in(resident=stay.resident, membership=membership)


def test_revoking_unlinks_the_record_and_ends_the_resident_membership(stay, harbor):
    account = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        services.link_sign_in(resident=stay.resident, membership=Membership.objects.get(user=account))
        services.revoke_sign_in(resident=stay.resident)
        assert Resident.objects.get(pk=stay.resident_id).user is None
        assert not Membership.objects.get(user=account).is_active
        assert AuditEvent.objects.filter(object_id=str(stay.resident_id), detail="sign-in revoked").exists()


def test_next_steps_follow_the_disclosure_the_rules_and_the_sign_in(stay, harbor):
    with tenant_scope(harbor):
        steps = selectors.next_steps(stay.resident)
    assert [step.done for step in steps] == [False, False, False]
    issued = _invite(stay)
    accept_invitation(user=UserFactory(), code_invitation_id=issued.invitation.pk)
    with tenant_scope(harbor):
        steps = selectors.next_steps(Resident.objects.get(pk=stay.resident_id))
    assert [step.done for step in steps] == [False, False, True]


# --- Pages ----------------------------------------------------------------------------------------------------


def test_the_welcome_page_offers_the_invitation_and_the_checklist(stay, manager):
    page = _staff_client(manager).get(f"/residents/{stay.resident_id}/welcome/").content.decode()
    assert "Next steps" in page and "Fee disclosure signed" in page and "Print a welcome sheet" in page
    assert f"Email an invitation to {stay.resident.email}" in page


def test_the_resident_page_shows_the_checklist_and_links_the_welcome_page(stay, manager):
    page = _staff_client(manager).get(f"/residents/{stay.resident_id}/").content.decode()
    assert "Next steps" in page and f"/residents/{stay.resident_id}/welcome/" in page


def test_the_welcome_sheet_shows_a_code_and_a_qr_image_once(stay, manager):
    response = _staff_client(manager).post(f"/residents/{stay.resident_id}/welcome/sheet/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page and "/invitations/code/" in page
    with tenant_scope(stay.organization):
        link = ResidentInvitation.objects.get(resident=stay.resident)
    assert link.channel == InvitationChannel.SHEET


def test_the_email_invitation_button_sends_the_email(stay, manager):
    response = _staff_client(manager).post(f"/residents/{stay.resident_id}/welcome/invite/", {"channel": "email"})
    assert response.status_code == 302 and len(mail.outbox) == 1


def test_an_unknown_channel_is_a_clear_400_not_a_500(stay, manager):
    response = _staff_client(manager).post(f"/residents/{stay.resident_id}/welcome/invite/", {"channel": "pigeon"})
    assert response.status_code == 400 and "Choose email or a text message." in response.content.decode()


def test_revoking_without_the_confirmation_box_changes_nothing(stay, manager, harbor):
    account = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        Resident.objects.filter(pk=stay.resident_id).update(user=account)
    response = _staff_client(manager).post(f"/residents/{stay.resident_id}/sign-in/revoke/", {})
    assert response.status_code == 400 and "Tick the box" in response.content.decode()
    assert _resident(stay).user == account


def test_staff_link_an_account_from_the_page(stay, manager, harbor):
    account = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        membership = Membership.objects.get(user=account)
    response = _staff_client(manager).post(
        f"/residents/{stay.resident_id}/sign-in/link/", {"membership": membership.pk, "confirm": "on"}
    )
    assert response.status_code == 302
    assert _resident(stay).user == account


def test_a_coach_cannot_invite_even_their_mentee(stay, harbor, monkeypatch):
    from recovery.registry import registry

    coach, _ = make_coach(harbor)
    monkeypatch.setitem(registry, "looks_after", [lambda membership, resident: True])  # as if mentoring them
    client = _staff_client(coach)
    assert client.get(f"/residents/{stay.resident_id}/welcome/").status_code == 403
    assert client.post(f"/residents/{stay.resident_id}/welcome/sheet/").status_code == 403
    with tenant_scope(harbor):
        assert not ResidentInvitation.objects.exists()


def test_a_house_manager_of_another_home_cannot_invite(stay, harbor):
    other_manager = manager_of(make_home(harbor))
    assert _staff_client(other_manager).post(f"/residents/{stay.resident_id}/welcome/sheet/").status_code == 403


def test_another_organizations_resident_is_not_found(stay, cedar):
    admin = make_member(cedar, Role.ADMIN)
    assert _staff_client(admin).get(f"/residents/{stay.resident_id}/welcome/").status_code == 404
    assert _staff_client(admin).post(f"/residents/{stay.resident_id}/welcome/sheet/").status_code == 404


# --- Adding a resident and inviting them in one step ------------------------------------------------------------


def _add(client, home, **extra):
    from tests.residences.builders import beds_of

    with tenant_scope(home.organization):
        from recovery.tenancy import organization_today

        today = organization_today(home.organization)
    fields = {"first_name": "Sam", "last_name": "Okafor", "bed": beds_of(home)[0].pk, "move_in": today.isoformat()}
    return client.post("/residents/new/", {**fields, **extra})


def test_adding_a_resident_with_an_email_invites_them_in_the_same_step(harbor):
    home = make_home(harbor, beds=("A",))
    response = _add(_staff_client(manager_of(home)), home, email="sam@example.org", invite="email")
    with tenant_scope(harbor):
        resident = Resident.objects.get(last_name="Okafor")
        assert ResidentInvitation.objects.get(resident=resident).channel == InvitationChannel.EMAIL
    assert response.status_code == 302 and response.url == f"/residents/{resident.pk}/welcome/"
    (sent,) = mail.outbox
    assert sent.to == ["sam@example.org"]


def test_adding_a_resident_with_a_phone_texts_the_invitation(harbor, settings):
    settings.HEARTH_SMS_BACKEND = "recovery.notifications.sms.LocmemSMSBackend"
    sms.outbox.clear()
    home = make_home(harbor, beds=("A",))
    _add(_staff_client(manager_of(home)), home, phone="+1 555 0100", invite="sms")
    (text,) = sms.outbox
    assert text["to"] == "+1 555 0100"


def test_inviting_by_email_without_an_address_is_a_message_on_the_form_and_admits_nobody(harbor):
    home = make_home(harbor, beds=("A",))
    response = _add(_staff_client(manager_of(home)), home, invite="email")
    assert response.status_code == 400
    assert "Add their email address above to invite them by email" in response.content.decode()
    with tenant_scope(harbor):
        assert not Resident.objects.filter(last_name="Okafor").exists()


def test_not_inviting_now_admits_and_leaves_the_welcome_sheet_for_the_next_page(harbor):
    home = make_home(harbor, beds=("A",))
    response = _add(_staff_client(manager_of(home)), home, invite="")
    assert response.status_code == 302 and not mail.outbox
    with tenant_scope(harbor):
        assert not ResidentInvitation.objects.exists()
    assert "Print a welcome sheet with a code" in _staff_client(manager_of(home)).get(response.url).content.decode()


@pytest.mark.django_db(transaction=True)  # the text goes after a real commit
def test_a_text_that_cannot_be_sent_keeps_the_admission_and_the_invitation_and_says_so(harbor, settings, monkeypatch):
    settings.HEARTH_SMS_BACKEND = "recovery.notifications.sms.LocmemSMSBackend"

    def refuse(**kwargs):
        raise sms.SMSDeliveryError("provider down")

    monkeypatch.setattr("residents.welcome.services.send_sms", refuse)
    home = make_home(harbor, beds=("A",))
    client = Client()
    client.force_login(manager_of(home))
    response = _add(client, home, phone="+1 555 0100", invite="sms")
    assert response.status_code == 302
    with tenant_scope(harbor):
        resident = Resident.objects.get(last_name="Okafor")
        assert ResidentInvitation.objects.filter(resident=resident, channel=InvitationChannel.SMS).exists()
    page = client.get(response.url).content.decode()
    assert "The invitation was not sent: The text message could not be sent just now." in page


@pytest.mark.django_db(transaction=True)
def test_no_transaction_or_row_lock_is_held_while_the_invitation_email_hangs(stay, silent_smtp):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite locks the whole file); CI runs PostgreSQL")
    outcome = {}

    def invite():
        try:
            with tenant_scope(stay.organization):
                services.invite_resident(
                    resident=stay.resident, channel=InvitationChannel.EMAIL, by=None, base_url=BASE
                )
        except InvitationNotSent as refusal:
            outcome["not_sent"] = str(refusal)
        finally:
            connections.close_all()

    sender = threading.Thread(target=invite)
    sender.start()
    assert silent_smtp.accepted.wait(5), "the test's provider was never reached"
    try:
        with connection.cursor() as cursor:  # another connection, while the provider is silent
            resident_id = stay.resident_id
            cursor.execute("SET lock_timeout = '200ms'")
            cursor.execute("SELECT id FROM residents_resident WHERE id = %s FOR UPDATE", [resident_id])
            cursor.execute("SELECT count(*) FROM residents_residentinvitation WHERE resident_id = %s", [resident_id])
            saved_before_sending = cursor.fetchone()[0]
    finally:
        sender.join(SILENT_SMTP_TIMEOUT + 5)
    assert saved_before_sending == 1, "the invitation was not committed before its email went"
    assert "The email could not be sent just now" in outcome["not_sent"]
    with tenant_scope(stay.organization):
        assert ResidentInvitation.objects.filter(resident_id=stay.resident_id).count() == 1
