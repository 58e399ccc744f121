"""Sessions: staff sessions end a fixed time after sign-in, everyone can list and end their own sessions, and
adding an email address asks for the password again (issue 12, item 9)."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from recovery.middleware import SESSION_LAST_SEEN_KEY, SESSION_SIGNED_IN_KEY
from recovery.models import Role
from tests.recovery.builders import PASSWORD, UserFactory, make_member

pytestmark = pytest.mark.django_db


def signed_in_hours_ago(client, hours):
    """Move the session's sign-in back by `hours`, while it stays active (seen a moment ago)."""
    session = client.session
    session[SESSION_SIGNED_IN_KEY] = int(time.time()) - int(hours * 60 * 60)
    session[SESSION_LAST_SEEN_KEY] = int(time.time())
    session.save()


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_signing_in_records_when_the_session_began(client, harbor):
    person = make_member(harbor, Role.HOUSE_MANAGER)
    before = int(time.time())
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert client.session[SESSION_SIGNED_IN_KEY] >= before


@pytest.mark.parametrize("role", [Role.ADMIN, Role.HOUSE_MANAGER, Role.STAFF, Role.COACH])
def test_staff_are_signed_out_twelve_hours_after_sign_in_when_they_were_active_all_along(client, harbor, role):
    client.force_login(make_member(harbor, role))
    assert client.get("/").status_code == 200
    signed_in_hours_ago(client, 11.9)
    assert client.get("/").status_code == 200
    signed_in_hours_ago(client, 12.1)

    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not is_signed_in(client)
    assert "signed out 12 hours after signing in" in client.get(response["Location"]).content.decode()


def test_platform_staff_are_signed_out_after_the_lifetime_the_setting_names(client, settings):
    settings.HEARTH_STAFF_SESSION_MAX_HOURS = 2
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.get("/")
    signed_in_hours_ago(client, 3)
    assert client.get("/")["Location"].startswith("/accounts/login/")
    assert not is_signed_in(client)


def test_residents_keep_their_session_past_the_staff_lifetime(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    client.get("/")
    assert SESSION_SIGNED_IN_KEY in client.session  # recorded for everyone; only staff roles are held to it
    signed_in_hours_ago(client, 24 * 7)
    assert client.get("/").status_code == 200


def test_a_person_reaches_their_sessions_from_the_account_page(client, harbor):
    person = make_member(harbor)
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert 'href="/accounts/sessions/"' in client.get("/accounts/email/").content.decode()
    Client().post("/accounts/login/", {"login": person.email, "password": PASSWORD})  # a second device

    sessions = client.get("/accounts/sessions/")
    assert sessions.status_code == 200
    assert sessions.context["session_count"] == 2


def test_a_person_ends_their_other_sessions_when_they_ask(client, harbor):
    person = make_member(harbor)
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    other_device = Client()
    other_device.post("/accounts/login/", {"login": person.email, "password": PASSWORD})

    assert client.post("/accounts/sessions/").status_code == 302
    assert not is_signed_in(other_device)
    assert other_device.get("/accounts/email/")["Location"].startswith("/accounts/login/")
    assert is_signed_in(client)


def test_adding_an_email_address_asks_for_the_password_again_when_the_session_is_not_fresh(client, harbor):
    """A stolen session must not add the thief's address (and then reset the password through it)."""
    client.force_login(make_member(harbor))
    response = client.post("/accounts/email/", {"email": "someone-else@example.org", "action_add": ""})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="someone-else@example.org").exists()

    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.post("/accounts/email/", {"email": "second@example.org", "action_add": ""})
    assert EmailAddress.objects.filter(email="second@example.org", verified=False).exists()
