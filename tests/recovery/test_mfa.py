"""A second sign-in step is required for admins, house managers, staff and coaches, where the organization says so."""

import pytest
from allauth.mfa.models import Authenticator

from recovery.models import Role
from tests.recovery.builders import PASSWORD, OrganizationFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_org(db):
    return OrganizationFactory(require_mfa_for_staff=True)


def test_the_setting_is_on_by_default_for_a_new_organization():
    from recovery.models import Organization

    assert Organization(name="New Homes", slug="new").require_mfa_for_staff is True


@pytest.mark.parametrize("role", [Role.ADMIN, Role.HOUSE_MANAGER, Role.STAFF, Role.COACH])
def test_staff_roles_are_sent_to_set_up_an_authenticator_when_they_have_none(client, strict_org, role):
    person = make_member(strict_org, role)
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # allauth asks for the password again before any change to sign-in security, then shows the setup.
    confirm = client.get(response["Location"], follow=True)
    assert "second sign-in step" in confirm.content.decode()
    setup = client.post(confirm.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert setup.redirect_chain[-1][0] == "/accounts/2fa/totp/activate/"
    assert "Authenticator" in setup.content.decode()


def test_residents_are_not_asked_for_a_second_step(client, strict_org):
    client.force_login(make_member(strict_org, Role.RESIDENT))
    assert client.get("/").status_code == 200


def test_a_coach_is_sent_to_set_up_an_authenticator_when_they_have_none(client, strict_org):
    """A coach sees their mentees' check-ins and goals: they enrol a second step like staff (issue 12, item 4)."""
    client.force_login(make_member(strict_org, Role.COACH))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_staff_with_an_authenticator_get_through(client, strict_org):
    manager = make_member(strict_org, Role.HOUSE_MANAGER)
    Authenticator.objects.create(user=manager, type=Authenticator.Type.TOTP, data={"secret": "unused"})
    client.force_login(manager)
    assert client.get("/").status_code == 200


def test_demo_style_organizations_can_turn_the_requirement_off(client, db):
    relaxed = OrganizationFactory(require_mfa_for_staff=False)
    client.force_login(make_member(relaxed, Role.ADMIN))
    assert client.get("/").status_code == 200


def test_sign_in_asks_for_the_code_when_an_authenticator_is_set_up(client, strict_org):
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    manager = make_member(strict_org, Role.HOUSE_MANAGER)
    Authenticator.objects.create(
        user=manager,
        type=Authenticator.Type.TOTP,
        data={"secret": get_adapter().encrypt(generate_totp_secret())},
    )
    response = client.post("/accounts/login/", {"login": manager.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
