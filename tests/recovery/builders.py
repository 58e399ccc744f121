"""Builders for the platform core (recovery): organizations, people and their memberships. Tenant-owned rows are made
inside their organization's scope."""

import itertools
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client, TestCase
from factory.django import DjangoModelFactory

from recovery.models import Membership, Organization, Role, User
from recovery.tenancy import tenant_scope

PASSWORD = "a-long-test-passphrase"

MARKER = "zz-organization-a-only"  # a string that appears only in organization A's rows (the isolation suite's)


class CommittingClient(Client):
    """A test browser whose every request then runs what it left for after the commit (`transaction.on_commit`:
    the email or text of an invitation), as the real commit at the end of a request does. The test's own
    transaction never commits, so without this nothing registered for after the commit would run. A failure in
    such a callback is raised here, from the request."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def committed(call, /, **arguments):
    """`call(**arguments)`, then what it left for after the commit, as a real commit would run it."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return call(**arguments)


# One counter for every builder of the suite, so two modules never make two homes (or people) of the same name.
_numbers = itertools.count(1)


def unique() -> int:
    """A number no other builder of this test process has used."""
    return next(_numbers)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Test Homes {n}")
    slug = factory.Sequence(lambda n: f"test-homes-{n}")
    # Most tests are not about MFA; the ones that are turn it on.
    require_mfa_for_staff = False


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def make_member(organization, role=Role.RESIDENT, **user_fields) -> User:
    """A person with an active membership in `organization` in the given role."""
    user = UserFactory(**user_fields)
    with tenant_scope(organization):
        Membership.objects.create(user=user, role=role)
    return user


def make_coach(organization):
    """A member of `organization` in the coach role: (user, membership)."""
    user = make_member(organization, Role.COACH)
    with tenant_scope(organization):
        return user, Membership.objects.get(user=user)


def enrol_totp(user) -> str:
    """Give `user` an authenticator app (TOTP), as allauth's setup page would; returns its secret for `totp_code`."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, *, periods_ahead: int = 0) -> str:
    """The code the authenticator app with `secret` shows now (allauth refuses a code used twice, so a test that
    asks twice takes the next period's code, within allauth's tolerance, or a fresh cache)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + periods_ahead
    return format_hotp_value(hotp_value(secret, counter))


def sign_in_with_totp(client, user) -> None:
    """Sign `user` in as a person does: the password on allauth's form, then the authenticator's code (setting an
    authenticator up first when they have none). The session then records both steps, which the admin site needs;
    `client.force_login` records neither."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    secret = get_mfa_adapter().decrypt(authenticator.data["secret"]) if authenticator else enrol_totp(user)
    code = totp_code(secret)
    password = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert password.status_code == 302 and password["Location"] == "/accounts/2fa/authenticate/", password
    authenticated = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert authenticated.status_code == 302, "the authenticator's code was refused"


def make_webhook_endpoint(organization, *, url="https://hooks.example.org/hearth", events=None, **fields):
    """A webhook endpoint of `organization`, subscribed to `events` (every event unless given). Made directly, so
    the URL is not resolved: a test that sends to it points it at its own receiver."""
    from recovery.webhooks import events as webhook_events
    from recovery.webhooks.models import WebhookEndpoint
    from recovery.webhooks.signing import new_secret

    with tenant_scope(organization):
        return WebhookEndpoint.objects.create(
            url=url, events=list(events or webhook_events.EVENTS), secret=new_secret(), **fields
        )
