"""The tenant scope: queries outside it fail loudly, rows take the scope's organization, relations stay home."""

import pytest
from django.db import IntegrityError

from recovery.models import Invitation, Membership, Role
from recovery.tenancy import CrossTenantRelation, ScopeError, scopes_disabled, tenant_scope
from tests.recovery.builders import UserFactory, make_member

pytestmark = pytest.mark.django_db


def test_querying_a_tenant_model_raises_when_no_scope_is_active(harbor):
    make_member(harbor)
    with pytest.raises(ScopeError):
        list(Membership.objects.all())
    with pytest.raises(ScopeError):
        Membership.objects.filter(role=Role.RESIDENT).count()


def test_a_scope_sees_only_its_own_organizations_rows(harbor, cedar):
    harbor_person, cedar_person = make_member(harbor), make_member(cedar)
    with tenant_scope(harbor):
        assert list(Membership.objects.values_list("user", flat=True)) == [harbor_person.pk]
    with tenant_scope(cedar):
        assert list(Membership.objects.values_list("user", flat=True)) == [cedar_person.pk]


def test_saving_sets_the_organization_from_the_scope(harbor):
    with tenant_scope(harbor):
        membership = Membership.objects.create(user=UserFactory(), role=Role.COACH)
    assert membership.organization_id == harbor.pk


def test_saving_a_tenant_row_outside_a_scope_is_refused(harbor):
    with pytest.raises(ScopeError):
        Membership(user=UserFactory(), role=Role.COACH).save()


def test_saving_another_organizations_row_inside_a_scope_is_refused(harbor, cedar):
    make_member(cedar)
    with scopes_disabled():
        cedar_membership = Membership.objects.get(organization=cedar)
    with tenant_scope(harbor), pytest.raises(CrossTenantRelation):
        cedar_membership.role = Role.ADMIN
        cedar_membership.save()


def test_a_scope_of_none_is_refused_because_it_would_mean_every_tenant():
    with pytest.raises(ScopeError), tenant_scope(None):
        pass


def test_uniqueness_is_per_organization(harbor, cedar):
    person = UserFactory()
    for organization in (harbor, cedar):
        with tenant_scope(organization):
            Membership.objects.create(user=person, role=Role.RESIDENT)
            Invitation.objects.create(email="same@example.org", role=Role.RESIDENT, token_hash=organization.slug)
    with tenant_scope(harbor), pytest.raises(IntegrityError):
        Membership.objects.create(user=person, role=Role.COACH)


def test_one_open_invitation_per_email_is_a_database_rule(harbor):
    with tenant_scope(harbor):
        Invitation.objects.create(email="sam@example.org", role=Role.RESIDENT, token_hash="a")
        with pytest.raises(IntegrityError):
            Invitation.objects.create(email="SAM@example.org", role=Role.COACH, token_hash="b")


def _notification(organization):
    from recovery.notifications.models import Notification

    recipient = make_member(organization)
    with tenant_scope(organization):
        return Notification.objects.create(recipient=recipient, kind="test", title="Hello")


def test_a_relation_to_another_organizations_row_is_refused(harbor, cedar):
    from recovery.notifications.models import Delivery

    cedar_notification = _notification(cedar)
    with tenant_scope(harbor), pytest.raises(CrossTenantRelation, match="another organization"):
        Delivery.objects.create(
            notification=cedar_notification, channel="email", deliver_after=cedar_notification.created_at
        )
    with tenant_scope(harbor), pytest.raises(CrossTenantRelation):
        # by id alone, without the related object loaded
        Delivery.objects.create(
            notification_id=cedar_notification.pk, channel="email", deliver_after=cedar_notification.created_at
        )
    with scopes_disabled():
        assert not Delivery.objects.exists()


def test_a_relation_within_the_organization_is_accepted(harbor):
    from recovery.notifications.models import Delivery

    notification = _notification(harbor)
    with tenant_scope(harbor):
        delivery = Delivery.objects.create(
            notification=notification, channel="email", deliver_after=notification.created_at
        )
    assert delivery.organization_id == harbor.pk
