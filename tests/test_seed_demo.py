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


def _demo_rows() -> dict[str, int]:
    from django.apps import apps

    with scopes_disabled():
        return {
            model._meta.label: model.objects.count()
            for model in apps.get_models()
            if model._meta.app_label in {"recovery", "residences", "residents", "peer_support", "governance"}
        }


def test_seed_demo_runs_again_on_demo_data_people_have_used_and_adds_nothing(seeded, client):
    """After a newcomer has checked in, signed out of the house and moved a resident out, seeding again neither
    fails nor duplicates anything (the demo's rows are found, not made again)."""
    from django.urls import reverse

    from peer_support.checkins.models import CheckIn
    from recovery.tenancy import organization_today
    from residences.models import DischargeReason, Stay

    resident = User.objects.get(email="resident@harbor.example")
    client.force_login(resident)
    answer = client.post(reverse("peer_support:today"), {"feeling": "4", "craving": "1", "went_to_meeting": "False"})
    assert answer.status_code == 302, "the demo resident can check in at any hour"
    organization = Organization.objects.get(slug="harbor-light")
    with tenant_scope(organization):
        assert CheckIn.objects.filter(resident__user=resident).exists()
        manager = User.objects.get(email="manager@harbor.example")
        stay = Stay.objects.filter(move_out__isnull=True).exclude(resident__user=resident).first()
        today = organization_today()
    client.force_login(manager)
    moved = client.post(
        reverse("residences:move_out", args=[stay.pk]), {"on": today.isoformat(), "reason": DischargeReason.values[0]}
    )
    assert moved.status_code == 302
    before = _demo_rows()
    call_command("seed_demo")
    assert _demo_rows() == before


def test_the_demo_residents_home_takes_check_ins_at_any_hour(seeded):
    from datetime import time

    from residences.homes.selectors import home_of

    with scopes_disabled():
        user = User.objects.get(email="resident@harbor.example")
    with tenant_scope(Organization.objects.get(slug="harbor-light")):
        home = home_of(user=user, on=None)
        assert (home.check_in_opens_at, home.check_in_closes_at) == (time(0, 0), time(23, 59))


def test_every_demo_resident_who_asked_to_talk_today_has_a_request_someone_can_answer(seeded):
    from peer_support.checkins.models import CheckIn, TalkRequest

    with scopes_disabled():
        asked = CheckIn.objects.filter(needs_to_talk=True).values_list("resident_id", "day")
        latest = max(day for _resident, day in asked)
        asked_today = {resident for resident, day in asked if day == latest}
        open_requests = set(TalkRequest.objects.filter(answered_at__isnull=True).values_list("resident_id", flat=True))
    assert asked_today and asked_today <= open_requests
