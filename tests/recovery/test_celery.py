"""A task about one tenant row enters at one door: called with an id, it runs on the row, in its organization's
scope, acting as the task for the audit log; a row that is gone is nothing to do."""

import pytest

from recovery.audit.models import AuditEvent
from recovery.celery import tenant_task
from recovery.models import Membership, Role
from recovery.tenancy import current_organization, scopes_disabled, tenant_scope
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db

seen = []


@tenant_task(name="tests.make_coach", model="recovery.Membership", related=("user",), if_gone="gone")
def make_coach(membership, note: str = "") -> str:
    seen.append((membership, current_organization(), note))
    membership.role = Role.COACH
    membership.save()
    return "done"


@pytest.fixture(autouse=True)
def _nothing_seen():
    seen.clear()


def _membership(organization):
    user = make_member(organization)
    with tenant_scope(organization):
        return Membership.objects.get(user=user)


def test_the_body_gets_the_row_inside_its_organizations_scope_when_called_with_its_id(harbor, cedar):
    membership = _membership(cedar)

    assert make_coach(membership.pk, note="hello") == "done"

    ((row, organization, note),) = seen
    assert row == membership and isinstance(row, Membership) and organization == cedar and note == "hello"


def test_what_the_body_changes_is_audited_as_the_task(harbor):
    membership = _membership(harbor)

    make_coach(membership.pk)

    with scopes_disabled():
        event = AuditEvent.objects.filter(object_type="recovery.membership", action="update").get()
    assert event.actor_kind == AuditEvent.ActorKind.TASK and event.actor_label == "tests.make_coach"
    assert event.organization_id == harbor.pk


def test_a_row_that_is_gone_returns_if_gone_without_running_the_body(harbor):
    assert make_coach(987654) == "gone"
    assert seen == []


def test_the_task_keeps_its_name_and_the_shared_retry_policy():
    assert make_coach.name == "tests.make_coach"
    assert make_coach.acks_late and make_coach.max_retries == 5
