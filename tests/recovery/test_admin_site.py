"""Platform administration opens only through allauth's sign-in, and only for a session that passed a second
factor (issue 12, item 1)."""

import pytest

from recovery.models import Role
from tests.recovery.builders import (
    PASSWORD,
    OrganizationFactory,
    UserFactory,
    enrol_totp,
    make_member,
    sign_in_with_totp,
    totp_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_admin_sign_in_page_sends_visitors_to_allauths_sign_in_and_back(client):
    response = client.get("/admin/login/?next=/admin/recovery/membership/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Frecovery%2Fmembership%2F"


def test_an_admin_page_sends_visitors_to_allauths_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"


def test_posting_a_password_to_the_admin_sign_in_grants_no_session_when_staff_have_an_authenticator(
    client, platform_staff
):
    enrol_totp(platform_staff)
    client.post("/admin/login/?next=/admin/", {"username": platform_staff.email, "password": PASSWORD})
    assert not is_signed_in(client)
    assert client.get("/admin/").status_code == 302


def test_wrong_passwords_are_throttled_when_the_admin_sign_in_is_used(client, platform_staff):
    sign_in = client.get("/admin/login/?next=/admin/")["Location"]
    for _ in range(5):
        client.post(sign_in, {"login": platform_staff.email, "password": "not-the-password"})
    response = client.post(sign_in, {"login": platform_staff.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not is_signed_in(client)


def test_password_and_code_open_the_admin_index_when_platform_staff_sign_in(client, platform_staff):
    secret = enrol_totp(platform_staff)
    sign_in = client.get("/admin/", follow=True).redirect_chain[-1][0]
    password = client.post(sign_in, {"login": platform_staff.email, "password": PASSWORD})
    assert password["Location"] == "/accounts/2fa/authenticate/"
    code = client.post(password["Location"], {"code": totp_code(secret)})
    assert code["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Hearth administration" in response.content.decode()


@pytest.mark.parametrize("url", ["/admin/", "/admin/recovery/membership/", "/admin/password_change/"])
def test_platform_staff_are_sent_to_set_up_an_authenticator_when_they_have_none(client, platform_staff, url):
    client.force_login(platform_staff)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("url", ["/admin/", "/admin/recovery/membership/"])
def test_platform_staff_are_asked_for_a_code_when_their_session_did_not_pass_the_second_factor(
    client, platform_staff, url
):
    enrol_totp(platform_staff)
    client.force_login(platform_staff)  # an authenticator exists, but this session never used it
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/?next=")


def test_a_code_entered_after_sign_in_opens_the_admin_when_the_authenticator_was_set_up_later(client, platform_staff):
    client.post("/accounts/login/", {"login": platform_staff.email, "password": PASSWORD})
    assert is_signed_in(client)
    secret = enrol_totp(platform_staff)

    asked = client.get("/admin/")
    assert asked["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    answered = client.post(asked["Location"], {"code": totp_code(secret)})
    assert answered.status_code == 302 and answered["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_member_who_is_not_platform_staff_is_refused_the_admin(client):
    member = make_member(OrganizationFactory(), Role.ADMIN)
    sign_in_with_totp(client, member)
    assert client.get("/admin/", follow=True).status_code == 403


def test_platform_staff_can_still_sign_out_of_the_admin_when_they_are_asked_for_a_second_factor(client, platform_staff):
    client.force_login(platform_staff)
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"
    client.post("/admin/logout/")
    assert not is_signed_in(client)
