"""seed_demo builds the demo and is safe to run again."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from recovery.management.commands.seed_demo import DEMO_PASSWORD, PLATFORM_ADMIN_EMAIL
from recovery.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_platform_administrator_with_a_verified_email(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    admin = User.objects.get(email=PLATFORM_ADMIN_EMAIL)
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(DEMO_PASSWORD)
    assert EmailAddress.objects.get(user=admin).verified


def test_seed_demo_twice_creates_nothing_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert User.objects.filter(email=PLATFORM_ADMIN_EMAIL).count() == 1
    assert EmailAddress.objects.filter(email=PLATFORM_ADMIN_EMAIL).count() == 1


def test_seed_demo_refuses_to_plant_known_passwords_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("seed_demo")
    assert not User.objects.filter(email=PLATFORM_ADMIN_EMAIL).exists()
