"""seed_demo builds the demo (two organizations with their people) and is safe to run again."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from recovery.management.commands.seed_demo import DEMO_PASSWORD, PLATFORM_ADMIN_EMAIL
from recovery.models import Membership, Organization, Role, User
from recovery.tenancy import scopes_disabled, tenant_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_seed_demo_creates_a_platform_administrator_with_a_verified_email(seeded):
    admin = User.objects.get(email=PLATFORM_ADMIN_EMAIL)
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(DEMO_PASSWORD)
    assert EmailAddress.objects.get(user=admin).verified


def test_seed_demo_creates_two_organizations_with_every_role(seeded):
    for slug, domain in [("harbor-light", "harbor.example"), ("cedar-path", "cedar.example")]:
        organization = Organization.objects.get(slug=slug)
        with tenant_scope(organization):
            roles = set(Membership.objects.values_list("role", flat=True))
            assert roles == set(Role.values)
            assert Membership.objects.filter(role=Role.RESIDENT).count() >= 3
        for local in ("admin", "manager", "coach", "staff", "resident"):
            assert User.objects.get(email=f"{local}@{domain}").check_password(DEMO_PASSWORD)


def test_the_two_demo_organizations_use_different_peoples_names(seeded):
    with scopes_disabled():
        names = {
            slug: set(
                Membership.objects.filter(organization__slug=slug).values_list("user__first_name", "user__last_name")
            )
            for slug in ("harbor-light", "cedar-path")
        }
    assert names["harbor-light"].isdisjoint(names["cedar-path"])


def test_seed_demo_twice_creates_nothing_twice(seeded):
    with scopes_disabled():
        before = (User.objects.count(), Membership.objects.count(), EmailAddress.objects.count())
    call_command("seed_demo")
    with scopes_disabled():
        assert (User.objects.count(), Membership.objects.count(), EmailAddress.objects.count()) == before


def test_seed_demo_refuses_to_plant_known_passwords_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("seed_demo")
    assert not User.objects.filter(email=PLATFORM_ADMIN_EMAIL).exists()


def test_demo_managers_sign_in_and_cannot_reach_each_others_pages(seeded, client):
    with scopes_disabled():
        harbor_resident = Membership.objects.get(user__email="resident@harbor.example")
    client.post("/accounts/login/", {"login": "manager@cedar.example", "password": DEMO_PASSWORD})
    assert "Cedar Path Sober Living" in client.get("/").content.decode()
    assert client.get(f"/organization/members/{harbor_resident.pk}/").status_code == 404
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": "manager@harbor.example", "password": DEMO_PASSWORD})
    assert "Harbor Light Recovery Homes" in client.get("/").content.decode()
