"""The one lookup of a page's object: 404 outside the organization, then 403 (audited) without the right."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.lookups import ANOTHER_ORGANIZATIONS, object_or_404
from recovery.models import Membership, Role
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db


def _request_of(rf, user, organization):
    """A request as the tenant middleware leaves it: the person's membership in `organization`, in its scope."""
    with tenant_scope(organization):
        membership = Membership.objects.select_related("organization").get(user=user)
    request = rf.get("/")
    request.user, request.organization, request.membership = user, organization, membership
    user.hearth_membership = membership
    return request


def _membership_of(user, organization):
    with tenant_scope(organization):
        return Membership.objects.get(user=user)


def _denials():
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action=AuditEvent.Action.DENIED))


def test_the_object_is_returned_when_the_person_holds_the_permission(rf, harbor):
    admin = make_member(harbor, Role.ADMIN)
    resident = _membership_of(make_member(harbor), harbor)
    request = _request_of(rf, admin, harbor)

    with tenant_scope(harbor):
        found = object_or_404(request, Membership, "recovery.change_membership", pk=resident.pk)

    assert found == resident


def test_another_organizations_object_is_not_found_even_for_an_admin(rf, harbor, cedar):
    admin = make_member(harbor, Role.ADMIN)
    theirs = _membership_of(make_member(cedar), cedar)
    request = _request_of(rf, admin, harbor)

    with tenant_scope(harbor), pytest.raises(Http404):
        object_or_404(request, Membership, "recovery.change_membership", pk=theirs.pk)


def test_asking_for_another_organizations_object_is_recorded_as_denied_under_the_asking_organization(rf, harbor, cedar):
    admin = make_member(harbor, Role.ADMIN)
    theirs = _membership_of(make_member(cedar), cedar)
    request = _request_of(rf, admin, harbor)

    with tenant_scope(harbor), pytest.raises(Http404):  # an id that exists nowhere is a plain 404
        object_or_404(request, Membership, "recovery.change_membership", pk=theirs.pk + 1000)
    assert _denials() == []
    with tenant_scope(harbor), pytest.raises(Http404):
        object_or_404(request, Membership, "recovery.change_membership", pk=theirs.pk)

    (denial,) = _denials()
    assert denial.organization_id == harbor.pk
    # The kind of record only: nothing of the other organization's row (its id is in the path asked for).
    assert denial.object_type == "recovery.membership" and denial.object_id == ""
    assert denial.detail == ANOTHER_ORGANIZATIONS


def test_a_stay_of_another_organization_is_recorded_as_denied_when_its_move_out_page_is_asked(client, harbor, cedar):
    from tests.residences.builders import resident_stay

    theirs = resident_stay(cedar)
    client.force_login(make_member(harbor, Role.ADMIN))

    assert client.get(reverse("residences:move_out", kwargs={"pk": theirs.pk})).status_code == 404
    (denial,) = _denials()
    assert (denial.organization_id, denial.object_type) == (harbor.pk, "residences.stay")


def test_a_person_without_the_permission_is_refused_and_the_refusal_audited(rf, harbor):
    resident_user = make_member(harbor)
    other = _membership_of(make_member(harbor), harbor)
    request = _request_of(rf, resident_user, harbor)

    with tenant_scope(harbor), pytest.raises(PermissionDenied):
        object_or_404(request, Membership, "recovery.change_membership", pk=other.pk)

    (denial,) = _denials()
    assert denial.detail == "recovery.change_membership" and denial.object_id == str(other.pk)


def test_the_permission_is_checked_on_the_related_object_when_checked_on_names_it(rf, harbor):
    resident_user = make_member(harbor)
    own = _membership_of(resident_user, harbor)
    request = _request_of(rf, resident_user, harbor)

    # Any member may view their organization, so checking on `organization` lets a resident through ...
    with tenant_scope(harbor):
        found = object_or_404(request, Membership, "recovery.view_organization", pk=own.pk, checked_on="organization")
    assert found == own

    # ... and the denial names the object the rule was asked about.
    with tenant_scope(harbor), pytest.raises(PermissionDenied):
        object_or_404(request, Membership, "recovery.manage_organization", pk=own.pk, checked_on="organization")
    (denial,) = _denials()
    assert denial.object_type == "recovery.organization" and denial.object_id == str(harbor.pk)
