"""Each role sees what it should and no more; every denial is audited."""

import pytest

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import scopes_disabled
from tests.recovery.builders import UserFactory, make_member

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/organization/members/",
    "/organization/invitations/",
    "/organization/audit/",
    "/organization/settings/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_reaches_the_organization_pages(client, harbor, url):
    client.force_login(make_member(harbor, Role.ADMIN))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", [Role.HOUSE_MANAGER, Role.STAFF, Role.COACH, Role.RESIDENT])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_other_roles_are_refused_the_organization_pages_and_the_refusal_is_audited(client, harbor, role, url):
    person = make_member(harbor, role)
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 403
    assert "not open to you" in response.content.decode()
    with scopes_disabled():
        denial = AuditEvent.objects.get(action="denied", actor=person)
    assert denial.organization_id == harbor.pk and denial.detail.startswith("recovery.")


@pytest.mark.parametrize("role", Role.values)
def test_every_role_gets_a_home_page_that_names_their_organization_and_role(client, harbor, role):
    client.force_login(make_member(harbor, role))
    html = client.get("/").content.decode()
    assert "Harbor Light Recovery Homes" in html
    assert Role(role).label.lower() in html


def test_only_admins_see_the_links_to_people_and_the_audit_log(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    html = client.get("/").content.decode()
    assert "/organization/members/" not in html and "/organization/audit/" not in html
    client.force_login(make_member(harbor, Role.ADMIN))
    html = client.get("/").content.decode()
    assert "/organization/members/" in html and "/organization/audit/" in html


def test_a_person_without_an_organization_sees_a_plain_page_that_says_so(client, db):
    client.force_login(UserFactory())
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/organizations/none/"
    assert "not part of an organization yet" in response.content.decode()


def test_a_person_without_an_organization_cannot_reach_organization_pages(client, db):
    client.force_login(UserFactory())
    response = client.get("/organization/members/")
    assert response.status_code == 302 and response["Location"] == "/organizations/none/"


def test_a_deactivated_member_loses_access(client, harbor, in_scope):
    from recovery.models import Membership

    person = make_member(harbor, Role.ADMIN)
    with in_scope(harbor):
        Membership.objects.filter(user=person).update(is_active=False)
    client.force_login(person)
    assert client.get("/organization/members/")["Location"] == "/organizations/none/"


def _with_membership(user, organization):
    """The person as the tenant middleware leaves them: their active membership on the user."""
    from recovery.models import Membership
    from recovery.tenancy import tenant_scope

    with tenant_scope(organization):
        user.hearth_membership = Membership.objects.select_related("organization").get(user=user)
    return user


def test_a_row_of_the_persons_organization_is_theirs_to_check_further(harbor):
    from recovery.rules import membership_in_organization_of, same_organization

    person = _with_membership(make_member(harbor), harbor)
    row = _with_membership(make_member(harbor), harbor).hearth_membership

    assert membership_in_organization_of(person, row) == person.hearth_membership
    assert same_organization(person, row)


def test_a_row_of_another_organization_or_no_row_is_never_theirs(harbor, cedar):
    from recovery.rules import membership_in_organization_of, same_organization

    person = _with_membership(make_member(harbor, Role.ADMIN), harbor)
    theirs = _with_membership(make_member(cedar), cedar).hearth_membership

    assert membership_in_organization_of(person, theirs) is None and not same_organization(person, theirs)
    assert membership_in_organization_of(person, None) is None and not same_organization(person, None)
    assert not same_organization(UserFactory(), theirs)  # signed in, but a member of nothing
