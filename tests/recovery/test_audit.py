"""The audit log records who did what to which record, names changed fields only, and cannot be altered."""

import pytest
from django.db import DatabaseError, connection, transaction

from recovery.audit.models import AuditEvent
from recovery.audit.recorder import acting_as, command_actor
from recovery.models import Membership, Role
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.recovery.builders import PASSWORD, UserFactory, enrol_totp, make_member, sign_in_with_totp, totp_code

pytestmark = pytest.mark.django_db


def events(**filters):
    with scopes_disabled():
        return list(AuditEvent.objects.filter(**filters).order_by("id"))


def test_create_change_and_delete_are_recorded_with_field_names_when_tenant_data_changes(harbor):
    with tenant_scope(harbor), acting_as(command_actor("test")):
        membership = Membership.objects.create(user=UserFactory(), role=Role.RESIDENT)
        membership.role = Role.COACH
        membership.save()
        membership.delete()
    trail = events(object_type="recovery.membership", object_id=str(membership.pk or ""))
    trail = trail or events(object_type="recovery.membership")
    assert [event.action for event in trail] == ["create", "update", "delete"]
    assert trail[1].changed_fields == ["role"]
    assert all(event.organization_id == harbor.pk for event in trail)
    assert all(event.actor_kind == "command" and event.actor_label == "test" for event in trail)


def test_a_save_that_changes_nothing_writes_no_event(harbor):
    with tenant_scope(harbor):
        membership = Membership.objects.create(user=UserFactory(), role=Role.RESIDENT)
        before = len(events(action="update"))
        Membership.objects.get(pk=membership.pk).save()
    assert len(events(action="update")) == before


def test_bulk_updates_and_deletes_are_recorded_per_row(harbor):
    make_member(harbor), make_member(harbor)
    with tenant_scope(harbor):
        Membership.objects.update(is_active=False)
        Membership.objects.all().delete()
    assert len(events(action="update", changed_fields=["is_active"])) == 2
    assert len(events(action="delete", object_type="recovery.membership")) == 2


def test_sign_in_is_recorded_for_each_organization_of_the_person(client, harbor, cedar):
    person = make_member(harbor)
    with tenant_scope(cedar):
        Membership.objects.create(user=person, role=Role.RESIDENT)
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    sign_ins = events(action="sign_in", actor=person)
    assert {event.organization_id for event in sign_ins} == {harbor.pk, cedar.pk}
    assert sign_ins[0].ip_address == "127.0.0.1"


def test_failed_sign_in_is_recorded_without_the_address_typed(client, harbor):
    person = make_member(harbor)
    client.post("/accounts/login/", {"login": person.email, "password": "wrong"})
    client.post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong"})
    failures = events(action="sign_in_failed")
    assert [event.organization_id for event in failures] == [harbor.pk, None]
    assert failures[0].actor_id == person.pk
    assert all("nobody@" not in f"{event.detail}{event.path}" for event in failures)


def test_sign_in_records_the_factors_it_used_when_a_code_follows_the_password(client, harbor):
    person = make_member(harbor, Role.HOUSE_MANAGER)
    sign_in_with_totp(client, person)
    (sign_in,) = events(action="sign_in", actor=person)
    assert sign_in.detail == "password+totp"


def test_sign_in_records_the_password_alone_when_no_code_was_asked(client, harbor):
    person = make_member(harbor)
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    (sign_in,) = events(action="sign_in", actor=person)
    assert sign_in.detail == "password"


def test_a_refused_second_factor_code_is_recorded_without_the_code_when_signing_in(client, harbor):
    person = make_member(harbor, Role.STAFF)
    secret = enrol_totp(person)
    wrong = "000000" if totp_code(secret) != "000000" else "111111"
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert client.post("/accounts/2fa/authenticate/", {"code": wrong}).status_code == 200
    (refused,) = events(action="mfa_failed")
    assert refused.actor_id == person.pk and refused.organization_id == harbor.pk
    assert refused.detail == "totp at sign-in" and wrong not in refused.detail + refused.path
    assert not events(action="sign_in", actor=person)


def test_setting_up_and_removing_an_authenticator_is_recorded(client, harbor, django_capture_on_commit_callbacks):
    person = make_member(harbor, Role.STAFF)
    client.force_login(person)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # allauth asks before any change to sign-in
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):  # allauth announces the new authenticator on commit
        assert client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)}).status_code == 302
    assert client.post("/accounts/2fa/totp/deactivate/").status_code == 302

    changes = events(object_type="mfa.authenticator", actor=person)
    assert [(event.action, event.detail) for event in changes] == [
        ("create", "totp"),
        ("create", "recovery_codes"),
        ("delete", "totp"),
        ("delete", "recovery_codes"),
    ]
    assert {event.organization_id for event in changes} == {harbor.pk}


def test_audit_events_are_not_changed_through_the_orm_on_postgresql(harbor):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; CI runs PostgreSQL")
    make_member(harbor)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), scopes_disabled():
        AuditEvent.objects.filter(organization=harbor).update(detail="rewritten")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), scopes_disabled():
        AuditEvent.objects.filter(organization=harbor).delete()


def test_audit_events_refuse_raw_sql_update_and_delete_on_postgresql(harbor):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; CI runs PostgreSQL")
    make_member(harbor)
    for statement in ("UPDATE audit_auditevent SET detail = 'x'", "DELETE FROM audit_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)


def test_org_admin_browses_and_filters_only_their_organizations_audit_log(client, harbor, cedar):
    admin = make_member(harbor, Role.ADMIN)
    make_member(cedar)
    client.force_login(admin)
    page = client.get("/organization/audit/")
    assert page.status_code == 200
    shown = list(page.context["page"])
    assert shown and {event.organization_id for event in shown} == {harbor.pk}
    assert "recovery.membership" in page.content.decode()

    filtered = client.get("/organization/audit/", {"action": "sign_in"})
    assert filtered.status_code == 200
    assert "recovery.membership" not in filtered.content.decode()


def test_audit_filter_with_dates_in_the_wrong_order_says_so(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get("/organization/audit/", {"since": "2026-05-02", "until": "2026-05-01"})
    assert response.status_code == 200
    assert "must come before" in response.content.decode()


def test_platform_staff_views_in_django_admin_are_audited(client, harbor):
    make_member(harbor)
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_totp(client, staff)
    with scopes_disabled():
        membership = Membership.objects.first()
    assert client.get("/admin/recovery/membership/").status_code == 200
    assert client.get(f"/admin/recovery/membership/{membership.pk}/change/").status_code == 200
    views = events(action="view", actor=staff)
    assert [event.actor_kind for event in views] == ["platform_staff", "platform_staff"]
    assert views[1].object_id == str(membership.pk) and views[1].organization_id == harbor.pk


def test_admin_lists_show_and_filter_by_organization(client, harbor, cedar):
    make_member(harbor), make_member(cedar)
    sign_in_with_totp(client, UserFactory(is_staff=True, is_superuser=True))
    html = client.get("/admin/recovery/membership/").content.decode()
    assert "Harbor Light Recovery Homes" in html and "Cedar Path Sober Living" in html
    filtered = client.get(f"/admin/recovery/membership/?organization__id__exact={cedar.pk}").content.decode()
    assert "1 membership" in filtered


def test_changing_the_organizations_settings_is_audited_with_field_names(client, harbor):
    admin = make_member(harbor, Role.ADMIN)
    client.force_login(admin)
    data = {
        "name": harbor.name,
        "time_zone": "America/Chicago",
        "is_part2_program": "on",
        "staff_idle_minutes": 20,
        "resident_idle_minutes": 600,
    }
    assert client.post("/organization/settings/", data).status_code == 302
    (event,) = events(object_type="recovery.organization", actor=admin)
    assert event.action == "update" and event.organization_id == harbor.pk
    assert event.changed_fields == ["resident_idle_minutes", "staff_idle_minutes", "time_zone"]


def test_platform_staff_open_a_record_with_related_widgets_in_django_admin(client, harbor):
    """Admin pages render after the view returns; they must still render with the tenant scope disabled."""
    from datetime import date

    from tests.residences.builders import admit, make_home

    stay = admit(make_home(harbor), move_in=date(2026, 11, 1))
    sign_in_with_totp(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/admin/residences/stay/{stay.pk}/change/").status_code == 200
    assert client.get(f"/admin/residences/bedassignment/?stay__id__exact={stay.pk}").status_code == 200


def test_the_audit_log_shows_times_on_the_organizations_clock(client, harbor):
    from datetime import UTC, datetime

    harbor.time_zone = "America/Denver"
    harbor.save()
    admin = make_member(harbor, Role.ADMIN)
    with scopes_disabled():
        AuditEvent.objects.create(
            organization=harbor, action="view", created_at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
        )
    client.force_login(admin)
    html = client.get("/organization/audit/").content.decode()
    assert "Nov 20, 08:30" in html  # 15:30 UTC is 8:30 in Denver


def test_the_audit_log_answers_who_opened_a_resident_when_filtered_by_the_resident(client, harbor):
    from django.urls import reverse

    from tests.residences.builders import resident_stay

    stay, other = resident_stay(harbor), resident_stay(harbor)
    staff = make_member(harbor, Role.STAFF)
    client.force_login(staff)
    client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident_id}))
    client.get(reverse("residents:resident_list"))
    client.force_login(make_member(harbor, Role.ADMIN))

    page = client.get("/organization/audit/", {"resident": stay.resident_id, "actor": staff.pk})

    assert page.status_code == 200
    shown = list(page.context["page"])
    # The record's own page and the list that showed the resident; nothing about the other resident.
    assert {event.path for event in shown} >= {
        reverse("residents:resident_detail", kwargs={"pk": stay.resident_id}),
        reverse("residents:resident_list"),
    }
    assert all(event.resident_id == stay.resident_id or event.object_id == str(stay.resident_id) for event in shown)
    assert str(other.resident_id) not in {
        event.object_id for event in shown if event.object_type == "residents.resident"
    }


def test_the_audit_log_narrows_to_one_record_when_filtered_by_type_and_number(client, harbor):
    admin = make_member(harbor, Role.ADMIN)
    first, second = make_member(harbor), make_member(harbor)
    with tenant_scope(harbor):
        wanted = Membership.objects.get(user=first)
        Membership.objects.get(user=second)
    client.force_login(admin)

    page = client.get("/organization/audit/", {"object_type": "recovery.membership", "object_id": wanted.pk})

    shown = list(page.context["page"])
    assert shown and {(event.object_type, event.object_id) for event in shown} == {
        ("recovery.membership", str(wanted.pk))
    }


def test_a_record_number_without_its_type_is_refused_with_a_sentence(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get("/organization/audit/", {"object_id": "12"})
    assert response.status_code == 200
    assert "Say which kind of record the number is" in response.content.decode()


def test_the_audit_filters_show_the_help_their_fields_point_to(client, harbor):
    import re

    client.force_login(make_member(harbor, Role.ADMIN))
    html = client.get("/organization/audit/").content.decode()

    described = re.findall(r'aria-describedby="([^"]+)"', html)
    assert described, "the fields with help text point to it"
    for help_id in described:
        assert f'id="{help_id}"' in html, f"{help_id} is pointed to but not on the page"


def test_a_residents_record_links_to_who_opened_it_for_those_who_may_read_the_audit_log(client, harbor):
    from django.urls import reverse

    from tests.residences.builders import resident_stay

    stay = resident_stay(harbor)
    url = reverse("residents:resident_detail", kwargs={"pk": stay.resident_id})
    link = f"/organization/audit/?resident={stay.resident_id}"

    client.force_login(make_member(harbor, Role.ADMIN))
    assert link in client.get(url).content.decode()
    client.force_login(make_member(harbor, Role.STAFF))
    assert link not in client.get(url).content.decode()


def _add_events(organization, count, *, at):
    with scopes_disabled():
        rows = [AuditEvent(organization=organization, action="view", created_at=at) for _ in range(count)]
        AuditEvent.objects.bulk_create(rows)


def test_the_audit_log_walks_older_and_back_newer_without_losing_or_repeating_an_event_when_times_tie(client, harbor):
    from datetime import UTC, datetime

    admin = make_member(harbor, Role.ADMIN)
    _add_events(harbor, 120, at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC))  # the same instant: ids break ties
    with scopes_disabled():
        tied = list(AuditEvent.objects.filter(created_at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC)).order_by("-id"))
    client.force_login(admin)
    seen, pages, query = [], [], {}
    while True:
        page = client.get("/organization/audit/", query).context["page"]
        pages.append(page)
        seen += [event.pk for event in page]
        if not page.older:
            break
        query = {"older": page.older}
    assert len(set(seen)) == len(seen)
    assert [pk for pk in seen if pk in {event.pk for event in tied}] == [event.pk for event in tied]
    back = client.get("/organization/audit/", {"newer": pages[-1].newer}).context["page"]
    assert [event.pk for event in back] == [event.pk for event in pages[-2]]


def test_a_malformed_audit_log_cursor_shows_the_newest_page(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    for junk in ("x", "2026-13-40T00:00:00~1", "~", "2026-11-20T15:30:00+00:00~99999999999999999999999"):
        assert client.get("/organization/audit/", {"older": junk}).status_code == 200
        assert client.get("/organization/audit/", {"newer": junk}).status_code == 200


def test_the_audit_log_page_neither_counts_the_log_nor_grows_with_it(client, harbor):
    from datetime import UTC, datetime

    from django.test.utils import CaptureQueriesContext

    admin = make_member(harbor, Role.ADMIN)
    client.force_login(admin)
    counts = []
    for size in (60, 600):
        _add_events(harbor, size, at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC))
        page = client.get("/organization/audit/").context["page"]
        with CaptureQueriesContext(connection) as queries:
            client.get("/organization/audit/", {"older": page.older})
        counts.append(len(queries))
        assert not [query for query in queries if "COUNT(" in query["sql"].upper() and "audit" in query["sql"]]
    assert counts[0] == counts[1]
