"""A new operator signs up and creates an organization; people switch between organizations; sessions idle out."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from recovery.audit.models import AuditEvent
from recovery.middleware import SESSION_LAST_SEEN_KEY
from recovery.models import Membership, Organization, Role
from recovery.notifications.models import Notification
from recovery.services import SECOND_STEP_OFF_KIND
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.recovery.builders import PASSWORD, enrol_totp, make_member

pytestmark = pytest.mark.django_db


def test_a_new_operator_signs_up_verifies_email_creates_an_organization_and_becomes_its_admin(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "founder@example.org", "password1": "a-long-passphrase-9", "password2": "a-long-passphrase-9"},
    )
    assert response.status_code == 302
    assert "confirm" in mail.outbox[0].subject.lower()
    EmailAddress.objects.filter(email="founder@example.org").update(verified=True)
    client.post("/accounts/login/", {"login": "founder@example.org", "password": "a-long-passphrase-9"})

    assert client.get("/")["Location"] == "/organizations/none/"
    response = client.post("/organizations/new/", {"name": "Lakeside Homes", "time_zone": "America/Chicago"})
    assert response.status_code == 302
    organization = Organization.objects.get(name="Lakeside Homes")
    with tenant_scope(organization):
        assert Membership.objects.get().role == Role.ADMIN
    # A new organization requires a second sign-in step for its admin before any page.
    assert client.get("/organization/members/")["Location"] == "/accounts/2fa/totp/activate/"


def test_creating_an_organization_without_a_name_says_what_is_missing(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(email="x@example.org", password="pw-123456789"))
    response = client.post("/organizations/new/", {"name": "", "time_zone": "Not/AZone"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Organization.objects.exists()


def test_a_person_in_two_organizations_switches_between_them(client, harbor, cedar):
    person = make_member(harbor, Role.ADMIN)
    with tenant_scope(cedar):
        Membership.objects.create(user=person, role=Role.COACH)
    client.force_login(person)
    assert "Harbor Light Recovery Homes" in client.get("/").content.decode()
    client.post("/organizations/switch/", {"organization": cedar.slug})
    html = client.get("/").content.decode()
    assert "signed in to Cedar Path Sober Living as coach" in html
    assert client.get("/organization/members/").status_code == 403  # a coach in Cedar


def test_switching_to_an_organization_one_does_not_belong_to_is_not_found(client, harbor, cedar):
    client.force_login(make_member(harbor, Role.ADMIN))
    assert client.post("/organizations/switch/", {"organization": cedar.slug}).status_code == 404
    assert "Harbor Light Recovery Homes" in client.get("/").content.decode()


def test_the_last_administrator_cannot_be_demoted(client, harbor):
    admin = make_member(harbor, Role.ADMIN)
    client.force_login(admin)
    with tenant_scope(harbor):
        membership = Membership.objects.get(user=admin)
    response = client.post(f"/organization/members/{membership.pk}/", {"role": "coach", "is_active": "on"})
    assert response.status_code == 200
    assert "at least one administrator" in response.content.decode()
    with tenant_scope(harbor):
        assert Membership.objects.get(user=admin).role == Role.ADMIN


def test_an_admin_changes_a_persons_role(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    resident = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        membership = Membership.objects.get(user=resident)
    client.post(f"/organization/members/{membership.pk}/", {"role": "coach", "is_active": "on"})
    with tenant_scope(harbor):
        assert Membership.objects.get(user=resident).role == Role.COACH


def test_staff_are_signed_out_after_their_idle_time(client, harbor):
    client.force_login(make_member(harbor, Role.COACH))
    assert client.get("/").status_code == 200
    session = client.session
    session[SESSION_LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "signed out after 30 minutes" in client.get(response["Location"]).content.decode()


def test_residents_stay_signed_in_longer(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    client.get("/")
    session = client.session
    session[SESSION_LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    assert client.get("/").status_code == 200


def test_an_admin_changes_the_organizations_idle_time_within_bounds(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    data = {
        "name": harbor.name,
        "time_zone": "America/New_York",
        "is_part2_program": "on",
        "staff_idle_minutes": 2,
        "resident_idle_minutes": 600,
    }
    response = client.post("/organization/settings/", data)
    assert "between 5 minutes and 8 hours" in response.content.decode()
    data["staff_idle_minutes"] = 15
    assert client.post("/organization/settings/", data).status_code == 302
    harbor.refresh_from_db()
    assert harbor.staff_idle_minutes == 15


def test_sign_in_is_rate_limited_after_repeated_failures(client, harbor):
    person = make_member(harbor)
    for _ in range(5):
        client.post("/accounts/login/", {"login": person.email, "password": "wrong"})
    # Even the right password is turned away until the limit lifts.
    response = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def settings_switching_the_second_step_off(organization, **extra):
    """The settings form as posted with the two-step box unticked (an unticked box is not sent)."""
    return {
        "name": organization.name,
        "time_zone": "America/New_York",
        "is_part2_program": "on",
        "staff_idle_minutes": 30,
        "resident_idle_minutes": 600,
        **extra,
    }


@pytest.fixture
def strict_admin(harbor):
    harbor.require_mfa_for_staff = True
    harbor.save()
    admin = make_member(harbor, Role.ADMIN)
    enrol_totp(admin)
    return admin


def test_switching_the_second_step_off_asks_for_a_confirmation_that_says_what_it_means(client, harbor, strict_admin):
    client.force_login(strict_admin)
    response = client.post("/organization/settings/", settings_switching_the_second_step_off(harbor))
    assert response.status_code == 200
    assert "password alone" in response.content.decode()
    harbor.refresh_from_db()
    assert harbor.require_mfa_for_staff is True


def test_switching_the_second_step_off_is_audited_and_told_to_the_other_administrators(client, harbor, strict_admin):
    other_admin, manager = make_member(harbor, Role.ADMIN), make_member(harbor, Role.HOUSE_MANAGER)
    client.force_login(strict_admin)
    data = settings_switching_the_second_step_off(harbor, confirm_second_step_off="on")
    assert client.post("/organization/settings/", data).status_code == 302
    harbor.refresh_from_db()
    assert harbor.require_mfa_for_staff is False

    with scopes_disabled():
        (event,) = AuditEvent.objects.filter(object_type="recovery.organization", actor=strict_admin)
        told = set(Notification.objects.filter(kind=SECOND_STEP_OFF_KIND).values_list("recipient", flat=True))
    assert "require_mfa_for_staff" in event.changed_fields and "confirm_second_step_off" not in event.changed_fields
    assert event.detail == "two-step sign-in no longer required"
    assert told == {other_admin.pk}
    assert manager.pk not in told


@pytest.mark.parametrize(
    "time_zone",
    ["Ω" * 20_000, "Europe/\x00Paris", "../../../etc/passwd", "Factory"],
    ids=["long", "nul", "path", "factory"],
)
def test_a_time_zone_that_is_none_of_the_list_gets_a_message_not_an_error_page(client, harbor, time_zone):
    admin = make_member(harbor, Role.ADMIN)
    client.force_login(admin)
    data = {"name": harbor.name, "time_zone": time_zone, "staff_idle_minutes": 30, "resident_idle_minutes": 60}
    response = client.post("/organization/settings/", data)
    assert response.status_code == 200
    assert "Choose a time zone from the list." in response.content.decode()
