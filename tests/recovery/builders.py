"""Builders for the platform core (recovery): organizations, people and their memberships. Tenant-owned rows are made
inside their organization's scope."""

import itertools

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from recovery.models import Membership, Organization, Role, User
from recovery.tenancy import tenant_scope

PASSWORD = "a-long-test-passphrase"

MARKER = "zz-organization-a-only"  # a string that appears only in organization A's rows (the isolation suite's)

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
