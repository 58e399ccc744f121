"""The audit log API: the organization's admins read its events newest first with the page's filters, paged by
cursor; nobody else reads it, and another organization's events never show."""

from datetime import timedelta

import pytest
from django.utils import timezone

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from tests.api.builders import member_client
from tests.clock import house_today

pytestmark = pytest.mark.django_db
URL = "/api/v1/audit-events/"


def make_event(org, *, object_type="residences.stay", days_ago=0, detail="x"):
    with tenant_scope(org):
        return AuditEvent.objects.create(
            organization=org,
            action=AuditEvent.Action.UPDATE,
            object_type=object_type,
            object_id="7",
            detail=detail,
            created_at=timezone.now() - timedelta(days=days_ago),
        )


def test_an_admin_reads_the_log_newest_first_narrowed_by_record_type_and_day(harbor):
    old = make_event(harbor, days_ago=10)
    new = make_event(harbor)
    other_kind = make_event(harbor, object_type="residents.casenote")
    _admin, client = member_client(harbor, Role.ADMIN)
    since = (house_today() - timedelta(days=1)).isoformat()
    listed = client.get(URL, {"object_type": "residences.stay", "since": since}).json()["results"]
    assert [row["id"] for row in listed] == [new.pk]
    listed = client.get(URL, {"object_type": "residences.stay"}).json()["results"]
    assert [row["id"] for row in listed] == [new.pk, old.pk]
    assert other_kind.pk in [row["id"] for row in client.get(URL).json()["results"]]


def test_the_log_pages_by_cursor_without_counting(harbor):
    for _ in range(3):
        make_event(harbor)
    _admin, client = member_client(harbor, Role.ADMIN)
    first = client.get(URL, {"page_size": 2, "object_type": "residences.stay"}).json()
    assert "count" not in first and len(first["results"]) == 2
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1


def test_a_malformed_filter_is_refused_as_a_problem_naming_it(harbor):
    _admin, client = member_client(harbor, Role.ADMIN)
    answer = client.get(URL, {"since": "yesterday"})
    assert answer.status_code == 400
    assert "since" in answer.json()["errors"]


@pytest.mark.parametrize("role", [Role.STAFF, Role.HOUSE_MANAGER, Role.COACH, Role.RESIDENT])
def test_only_admins_read_the_audit_log(harbor, role):
    _user, client = member_client(harbor, role)
    assert client.get(URL).status_code == 403


def test_another_organizations_events_never_show(harbor, cedar):
    theirs = make_event(harbor, detail="harbor only")
    _admin, client = member_client(cedar, Role.ADMIN)
    assert theirs.pk not in [row["id"] for row in client.get(URL).json()["results"]]
