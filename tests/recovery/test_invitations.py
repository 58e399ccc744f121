"""Admins invite people by email with expiring, single-use links that preset the role."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from recovery import services
from recovery.models import Invitation, Membership, Role
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.conftest import SILENT_SMTP_TIMEOUT
from tests.recovery.builders import CommittingClient, UserFactory, make_member

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


def link_from_email(message) -> str:
    return next(word for word in message.body.split() if "/invitations/" in word).split("testserver", 1)[1]


@pytest.fixture
def admin_client(harbor):
    """The inviting admin, in a browser of their own (the `client` fixture is the invitee's)."""
    admin = CommittingClient()
    admin.force_login(make_member(harbor, Role.ADMIN))
    return admin


def test_admin_invites_and_the_email_reveals_neither_organization_nor_role(admin_client):
    response = admin_client.post("/organization/invitations/", {"email": "newcoach@example.org", "role": "coach"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["newcoach@example.org"]
    text = f"{message.subject} {message.body}".lower()
    assert "harbor" not in text and "coach" not in text and "recovery" not in text
    assert "/invitations/" in message.body


def test_the_addressee_accepts_and_gets_the_preset_role(admin_client, client, harbor):
    admin_client.post("/organization/invitations/", {"email": "newcoach@example.org", "role": "coach"})
    link = link_from_email(mail.outbox[0])
    invitee = UserFactory(email="newcoach@example.org")
    client.force_login(invitee)
    assert "Join Harbor Light Recovery Homes" in client.get(link).content.decode()
    assert client.post(link).status_code == 302
    with tenant_scope(harbor):
        assert Membership.objects.get(user=invitee).role == Role.COACH


def test_a_used_invitation_is_refused_with_a_clear_message(admin_client, client):
    admin_client.post("/organization/invitations/", {"email": "once@example.org", "role": "resident"})
    link = link_from_email(mail.outbox[0])
    client.force_login(UserFactory(email="once@example.org"))
    client.post(link)
    again = client.post(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_an_expired_invitation_is_refused_with_a_clear_message(admin_client, client):
    admin_client.post("/organization/invitations/", {"email": "late@example.org", "role": "resident"})
    link = link_from_email(mail.outbox[0])
    with scopes_disabled():
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(UserFactory(email="late@example.org"))
    response = client.post(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    with scopes_disabled():
        assert not Membership.objects.filter(user__email="late@example.org").exists()


def test_an_invitation_for_someone_else_is_refused(admin_client, client):
    admin_client.post("/organization/invitations/", {"email": "right@example.org", "role": "resident"})
    link = link_from_email(mail.outbox[0])
    client.force_login(UserFactory(email="wrong@example.org"))
    response = client.post(link)
    assert response.status_code == 409
    assert "different email address" in response.content.decode()


def test_a_withdrawn_invitation_no_longer_works(admin_client, client, harbor):
    admin_client.post("/organization/invitations/", {"email": "maybe@example.org", "role": "resident"})
    link = link_from_email(mail.outbox[0])
    with tenant_scope(harbor):
        invitation = Invitation.objects.get()
    admin_client.post(f"/organization/invitations/{invitation.pk}/revoke/")
    assert "withdrawn" in client.get(link).content.decode()


def test_inviting_again_replaces_the_old_link(admin_client, client):
    for _ in range(2):
        admin_client.post("/organization/invitations/", {"email": "twice@example.org", "role": "resident"})
    first, second = link_from_email(mail.outbox[0]), link_from_email(mail.outbox[1])
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


@pytest.mark.django_db(transaction=True)  # the email goes after a real commit
def test_the_invitation_is_kept_and_the_admin_told_when_its_email_cannot_be_sent(harbor, monkeypatch):
    def refuse(**kwargs):
        raise smtplib.SMTPServerDisconnected("provider down")

    monkeypatch.setattr("recovery.services.send_mail", refuse)
    admin = Client()
    admin.force_login(make_member(harbor, Role.ADMIN))
    response = admin.post("/organization/invitations/", {"email": "kept@example.org", "role": "coach"})
    assert response.status_code == 200
    assert "is saved, but its email could not be sent just now" in response.content.decode()
    with tenant_scope(harbor):
        assert Invitation.objects.filter(email="kept@example.org", revoked_at__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_no_transaction_or_row_lock_is_held_while_the_invitation_email_hangs(harbor, silent_smtp):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite locks the whole file); CI runs PostgreSQL")
    with tenant_scope(harbor):
        earlier = services.issue_invitation(email="again@example.org", role=Role.COACH, by=None, base_url=BASE)
    outcome = {}

    def invite_again():  # replaces the earlier invitation (an UPDATE of its row), then emails the new one
        try:
            with tenant_scope(harbor):
                services.invite(email="again@example.org", role=Role.COACH, by=None, base_url=BASE)
        except services.InvitationNotSent:
            outcome["not_sent"] = True
        finally:
            connections.close_all()

    sender = threading.Thread(target=invite_again)
    sender.start()
    assert silent_smtp.accepted.wait(5), "the test's provider was never reached"
    try:
        with connection.cursor() as cursor:  # another connection, while the provider is silent
            cursor.execute("SET lock_timeout = '200ms'")
            cursor.execute("SELECT id FROM recovery_invitation WHERE id = %s FOR UPDATE", [earlier.invitation.pk])
            cursor.execute("SELECT count(*) FROM recovery_invitation WHERE email = 'again@example.org'")
            saved_before_sending = cursor.fetchone()[0]
    finally:
        sender.join(SILENT_SMTP_TIMEOUT + 5)
    assert saved_before_sending == 2, "the new invitation was not committed before its email went"
    assert outcome.get("not_sent")


def test_a_made_up_link_says_it_is_not_valid(client, db):
    response = client.get("/invitations/not-a-real-token/")
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_inviting_a_current_member_says_so(admin_client, harbor):
    make_member(harbor, email="here@example.org")
    response = admin_client.post("/organization/invitations/", {"email": "here@example.org", "role": "coach"})
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert not mail.outbox


def test_a_bad_email_address_gets_a_message_not_an_error(admin_client):
    response = admin_client.post("/organization/invitations/", {"email": "not an address", "role": "coach"})
    assert response.status_code == 200
    assert "valid email address" in response.content.decode()


def test_someone_not_signed_in_is_asked_to_sign_in_or_sign_up(admin_client):
    admin_client.post("/organization/invitations/", {"email": "new@example.org", "role": "resident"})
    html = Client().get(link_from_email(mail.outbox[0])).content.decode()
    assert "/accounts/login/?next=" in html and "/accounts/signup/?next=" in html


# --- Invitations handed over on paper: a short code ----------------------------------------------------------


def _paper_invitation(organization, role=Role.RESIDENT):
    from recovery import services

    with tenant_scope(organization):
        return services.issue_invitation(email="", role=role, by=None, base_url="http://testserver/", with_code=True)


def test_a_typed_code_leads_through_sign_up_to_the_invitation_and_joins(client, harbor):
    issued = _paper_invitation(harbor)
    entered = client.post("/invitations/code/", {"code": issued.code_for_display.lower()})
    assert entered.status_code == 302 and entered.url == "/invitations/code/accept/"
    page = client.get(entered.url).content.decode()
    assert "Join Harbor Light Recovery Homes" in page and "Create an account" in page
    person = UserFactory(email="anyone@example.org")  # any address: the code, not the address, is the key
    client.force_login(person)
    assert client.get("/organizations/none/").url == "/invitations/code/accept/"  # back from sign-up: no dead end
    assert client.post("/invitations/code/accept/").status_code == 302
    with tenant_scope(harbor):
        assert Membership.objects.get(user=person).role == Role.RESIDENT


def test_a_wrong_code_is_refused_with_a_clear_message(client, harbor):
    _paper_invitation(harbor)
    response = client.post("/invitations/code/", {"code": "AAAA-AAAA"})
    assert response.status_code == 400 and "That code is not right" in response.content.decode()


def test_a_withdrawn_code_says_so(client, harbor):
    from recovery import services

    issued = _paper_invitation(harbor)
    services.revoke_invitation(invitation=issued.invitation)
    response = client.post("/invitations/code/", {"code": issued.code})
    assert response.status_code == 400 and "withdrawn" in response.content.decode()


def test_guessing_codes_is_stopped_after_a_few_tries(client, harbor):
    issued = _paper_invitation(harbor)
    for _ in range(10):
        client.post("/invitations/code/", {"code": "AAAA-AAAA"})
    response = client.post("/invitations/code/", {"code": issued.code})
    assert response.status_code == 429 and "Too many tries" in response.content.decode()


def test_the_code_page_without_a_typed_code_sends_back_to_typing_it(client):
    assert client.get("/invitations/code/accept/").url == "/invitations/code/"


def test_the_sign_in_page_offers_the_code_path(client):
    assert "/invitations/code/" in client.get("/accounts/login/").content.decode()


def test_a_member_in_another_role_cannot_take_an_invitation_meant_for_someone_else(client, harbor):
    issued = _paper_invitation(harbor, role=Role.RESIDENT)
    manager = make_member(harbor, Role.HOUSE_MANAGER)
    client.force_login(manager)
    client.post("/invitations/code/", {"code": issued.code})
    response = client.post("/invitations/code/accept/")
    assert response.status_code == 409 and "sign out first" in response.content.decode()
    with tenant_scope(harbor):
        assert Membership.objects.get(user=manager).role == Role.HOUSE_MANAGER
