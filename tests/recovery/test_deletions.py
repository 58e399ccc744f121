"""Deletions leave a trail, people are deactivated rather than deleted, and records that must be kept outlive their
parent (issue 15, item 7)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peer_support.community import services as community
from peer_support.community.models import CommunityEvent, EventRsvp
from recovery.admin_site import AuditedDeletes
from recovery.audit.models import AuditEvent
from recovery.models import Membership, Role, User
from recovery.registry import registry
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.peer_support.builders import add_resident, make_check_in, make_partner, make_peer_home
from tests.recovery.builders import PASSWORD, UserFactory, make_member, sign_in_with_totp

pytestmark = pytest.mark.django_db

# Records that must be kept beyond the registry's resident data and the append-only tables, each with why.
KEPT_ALSO = {
    "recovery.Membership": "who belonged to an organization, in which role: records and the audit trail name them",
    "residences.HouseRuleVersion": "the rules a resident acknowledged and a violation cites",
    "residences.ComplianceItem": "certification evidence",
    "residences.HouseCheck": "a round of the house, evidence of supervision",
    "residences.MaintenanceRequest": "the house's record of its physical environment",
    "residences.SafetyInspection": "an inspection, certification evidence",
    "residences.NeighborComplaint": "a neighbor's complaint and the house's response",
    "residents.SelfCarePlan": "a member's self-care plan",
    "governance.HouseMeeting": "a meeting of the house, with its minutes",
    "governance.AgendaItem": "part of a meeting's record",
    "governance.Motion": "a question the house voted on",
    "governance.Ballot": "a vote",
    "governance.ElectionBallot": "a vote",
    "governance.HouseDecision": "the house's decisions log",
    "governance.RandomDraw": "a drug-test draw, reproducible evidence",
    "governance.ConsequenceStep": "a rung of the ladder that violations cite",
    "governance.TreasuryAudit": "a month's signed check of the house fund",
}

# A kept model's foreign key that may still CASCADE: the row is not a record, and means nothing without its parent.
CASCADE_ALLOWED = {
    ("residents.ResidentInvitation", "invitation"): "only says which resident a pending invitation is for",
    ("residents.ResidentInvitation", "resident"): "only says which resident a pending invitation is for",
    ("peer_support.CheckInReminder", "stay"): "the unique key that sends a reminder once, not a record",
    ("governance.OverdueFlag", "sign_out"): "the unique key that tells the manager once, not a record",
    ("peer_support.EventRsvp", "event"): "an answer to an event's invitation, meaningless without the event",
    ("peer_support.WorkshopRsvp", "session"): "an answer to a session's invitation, meaningless without it",
    ("peer_support.GoalPartner", "goal"): "a link between a goal and a partner, not a record",
    ("peer_support.GoalPartner", "partner"): "a link between a goal and a partner, not a record",
}

APPS = ("recovery", "audit", "notifications", "residences", "residents", "peer_support", "governance")


def append_only_models() -> set[str]:
    """The models whose tables a migration made append-only (`recovery.append_only.refuse_update_and_delete`)."""
    tables = set()
    for label in APPS:
        for migration in Path(apps.get_app_config(label).path, "migrations").glob("*.py"):
            tables |= set(re.findall(r'refuse_update_and_delete\(\s*table="(\w+)"', migration.read_text()))
    by_table = {model._meta.db_table: model._meta.label for model in apps.get_models()}
    assert tables, "found no append-only table: the scan no longer matches the migrations"
    return {by_table[table] for table in tables}


def kept_models() -> set[str]:
    resident_data = {entry.model for entry in registry["resident_data"] if not entry.exempt}
    return resident_data | append_only_models() | set(KEPT_ALSO)


def cascades_from(label: str):
    for field in apps.get_model(label)._meta.concrete_fields:
        if field.is_relation and field.remote_field.on_delete is models.CASCADE:
            yield field.name


def delete_events(since: int) -> list[tuple[str, str, str]]:
    with scopes_disabled():
        rows = AuditEvent.objects.filter(pk__gt=since, action=AuditEvent.Action.DELETE).order_by("pk")
        return [(event.object_type, event.object_id, event.detail) for event in rows]


def last_event_id() -> int:
    with scopes_disabled():
        return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def platform_staff_client(client):
    sign_in_with_totp(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def event_with_answers(organization, *, answers=2, partner=None):
    """A community event tomorrow that `answers` residents said they will go to: (event, [rsvp ids])."""
    home = make_peer_home(organization)
    residents = [add_resident(home, first_name=f"Rsvp{i}") for i in range(answers)]
    with tenant_scope(organization):
        event = community.add_event(
            by=None,
            kind="volunteering",
            title="Help",
            place="Park",
            partner=partner,
            starts_at=timezone.now() + timedelta(days=1),
        )
        rsvps = [community.rsvp_event(event=event, resident=resident, going=True).pk for resident in residents]
    return event, rsvps


# --- Kept records outlive their parent -------------------------------------------------------------------------------


def test_no_kept_record_cascades_from_its_parent_unless_allowed_with_a_reason():
    cascading = {
        (label, name)
        for label in kept_models()
        for name in cascades_from(label)
        if (label, name) not in CASCADE_ALLOWED
    }
    assert not cascading, (
        f"kept records deleted with their parent (make them PROTECT, or allow with a reason): {cascading}"
    )


def test_every_cascade_allowance_names_a_cascade_of_a_kept_model_and_says_why():
    kept = kept_models()
    stale = {key for key in CASCADE_ALLOWED if key[0] not in kept or key[1] not in set(cascades_from(key[0]))}
    assert not stale, f"allowances that no longer allow anything: {stale}"
    assert all(reason.strip() for reason in [*CASCADE_ALLOWED.values(), *KEPT_ALSO.values()])


def test_a_residents_check_in_keeps_the_resident_from_being_deleted(harbor):
    from residents.models import Resident

    with tenant_scope(harbor):
        resident = Resident.objects.create(first_name="Check", last_name="In")  # no stay: only the check-in holds
    make_check_in(resident)
    with tenant_scope(harbor), pytest.raises(ProtectedError):
        resident.delete()


# --- Every delete leaves a trail, the cascade included ----------------------------------------------------------------


def test_every_admin_of_the_site_deletes_through_the_audit_trail():
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedDeletes)
    ]
    assert not unaudited


def test_an_admin_delete_writes_one_event_per_row_it_removes_when_it_cascades(platform_staff_client, harbor):
    event, rsvps = event_with_answers(harbor)
    since = last_event_id()
    url = reverse("admin:peer_support_communityevent_delete", args=[event.pk])
    response = platform_staff_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    cascade = "cascade of peer_support.communityevent"
    expected = [("peer_support.communityevent", str(event.pk), "")]
    expected += [("peer_support.eventrsvp", str(pk), cascade) for pk in rsvps]
    assert sorted(delete_events(since)) == sorted(expected)
    with scopes_disabled():
        assert not CommunityEvent.objects.filter(pk=event.pk).exists()
        removed = AuditEvent.objects.filter(pk__gt=since, action="delete")
        assert {row.organization_id for row in removed} == {harbor.pk}
        assert {row.actor_kind for row in removed} == {"platform_staff"}
        assert all(row.resident_id for row in removed if row.object_type == "peer_support.eventrsvp")


def test_an_admin_bulk_delete_writes_one_event_per_row_it_removes_when_it_cascades(platform_staff_client, harbor):
    first, first_rsvps = event_with_answers(harbor)
    second, second_rsvps = event_with_answers(harbor, answers=1)
    since = last_event_id()
    response = platform_staff_client.post(
        reverse("admin:peer_support_communityevent_changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert response.status_code == 302
    removed = delete_events(since)
    assert sorted((kind, pk) for kind, pk, _ in removed) == sorted(
        [("peer_support.communityevent", str(first.pk)), ("peer_support.communityevent", str(second.pk))]
        + [("peer_support.eventrsvp", str(pk)) for pk in first_rsvps + second_rsvps]
    )


def test_a_delete_that_sets_a_link_empty_writes_an_update_naming_the_field(platform_staff_client, harbor):
    partner = make_partner(harbor)
    event, _ = event_with_answers(harbor, answers=0, partner=partner)
    since = last_event_id()
    platform_staff_client.post(reverse("admin:peer_support_partner_delete", args=[partner.pk]), {"post": "yes"})
    with scopes_disabled():
        changed = AuditEvent.objects.get(pk__gt=since, action="update", object_type="peer_support.communityevent")
    assert (changed.object_id, changed.changed_fields) == (str(event.pk), ["partner"])


def test_a_delete_in_code_writes_one_event_per_row_its_cascade_removes(harbor):
    event, rsvps = event_with_answers(harbor)
    other, other_rsvps = event_with_answers(harbor, answers=1)
    since, event_id = last_event_id(), event.pk
    with tenant_scope(harbor):
        event.delete()
        CommunityEvent.objects.filter(pk=other.pk).delete()
        assert not EventRsvp.objects.exists()
    assert sorted((kind, pk) for kind, pk, _ in delete_events(since)) == sorted(
        [("peer_support.communityevent", str(event_id)), ("peer_support.communityevent", str(other.pk))]
        + [("peer_support.eventrsvp", str(pk)) for pk in rsvps + other_rsvps]
    )


# --- People are deactivated, not deleted ------------------------------------------------------------------------------


def test_deleting_a_person_who_took_part_is_refused_in_admin_with_a_reason(platform_staff_client, harbor):
    person = make_member(harbor)
    single = platform_staff_client.post(reverse("admin:recovery_user_delete", args=[person.pk]), {"post": "yes"})
    bulk = platform_staff_client.post(
        reverse("admin:recovery_user_changelist"),
        {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"},
    )
    for response in (single, bulk):
        assert response.status_code == 200
        assert "deactivated, not deleted" in response.content.decode()
    assert User.objects.filter(pk=person.pk).exists()


def test_deleting_a_person_who_took_part_is_refused_in_code(harbor):
    person = make_member(harbor)
    with pytest.raises(ProtectedError):
        person.delete()


def test_an_account_that_never_joined_an_organization_can_be_deleted_and_leaves_a_trail(platform_staff_client):
    stranger = UserFactory()
    since = last_event_id()
    response = platform_staff_client.post(reverse("admin:recovery_user_delete", args=[stranger.pk]), {"post": "yes"})
    assert response.status_code == 302
    removed = delete_events(since)
    assert ("recovery.user", str(stranger.pk), "") in removed
    assert any(kind == "account.emailaddress" for kind, _, _ in removed)  # the cascade is written down too


def test_deactivating_a_person_ends_their_sign_in_memberships_and_sessions(platform_staff_client, harbor, cedar):
    person = make_member(harbor)
    with tenant_scope(cedar):
        Membership.objects.create(user=person, role=Role.COACH)
    their_phone = Client()
    their_phone.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert UserSession.objects.filter(user=person).exists()
    response = platform_staff_client.post(
        reverse("admin:recovery_user_changelist"), {"action": "deactivate_people", "_selected_action": [person.pk]}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    with scopes_disabled():
        assert not Membership.objects.filter(user=person, is_active=True).exists()
        trail = AuditEvent.objects.filter(object_type="recovery.user", object_id=str(person.pk), action="update")
        assert {row.organization_id for row in trail} == {harbor.pk, cedar.pk}
    assert not UserSession.objects.filter(user=person).exists()
    assert "_auth_user_id" not in their_phone.session  # signed out on their phone


def test_deactivating_the_last_administrator_is_refused(platform_staff_client, harbor):
    administrator = make_member(harbor, Role.ADMIN)
    response = platform_staff_client.post(
        reverse("admin:recovery_user_changelist"),
        {"action": "deactivate_people", "_selected_action": [administrator.pk]},
        follow=True,
    )
    assert "last administrator" in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active


def test_a_membership_is_ended_in_admin_never_deleted(platform_staff_client, harbor):
    person = make_member(harbor)
    with scopes_disabled():
        membership = Membership.objects.get(user=person)
    delete = platform_staff_client.get(reverse("admin:recovery_membership_delete", args=[membership.pk]))
    assert delete.status_code == 403
    platform_staff_client.post(
        reverse("admin:recovery_membership_changelist"),
        {"action": "end_memberships", "_selected_action": [membership.pk]},
    )
    with scopes_disabled():
        membership.refresh_from_db()
    assert not membership.is_active
