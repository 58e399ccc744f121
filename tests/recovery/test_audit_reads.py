"""Reads of resident data are audited by structure (recovery/audit/reads.py): every model that points at a resident
is in the registry's "resident_data" or exempt with a reason, and every page, admin page and export that loads a
row of such a model writes a VIEW event naming that row and its resident, in the same request.

The walkers capture the rows a request loads with their own `post_init` listener, independent of the
implementation's hook, so a page that loads resident data some new way fails here.
"""

from contextlib import contextmanager
from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.db.models.signals import post_init
from django.urls import NoReverseMatch, reverse

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.registry import registry
from recovery.tenancy import TenantModel, scopes_disabled, tenant_scope
from residents.profiles.models import Resident
from tests.isolation_routes import OBJECT_ROUTES
from tests.recovery.builders import UserFactory, make_member, sign_in_with_totp
from tests.test_isolation import list_routes

pytestmark = pytest.mark.django_db

MAX_DEPTH = 4


def _entries():
    return {entry.model: entry for entry in registry["resident_data"]}


def _points_at_a_resident(model, depth=0, seen=()):
    """Whether a chain of foreign keys, one-to-ones or many-to-manys leads from `model` to a resident."""
    if model is Resident:
        return True
    if depth == MAX_DEPTH:
        return False
    for relation in model._meta.get_fields():
        if not relation.concrete or not relation.is_relation or relation.related_model in (None, *seen):
            continue
        if _points_at_a_resident(relation.related_model, depth + 1, (*seen, model)):
            return True
    return False


def test_every_model_that_points_at_a_resident_is_registered_or_exempt_with_a_reason():
    entries = _entries()
    unlisted = [
        model._meta.label
        for model in apps.get_models()
        if _points_at_a_resident(model) and model._meta.label not in entries
    ]
    assert not unlisted, (
        "Add these models to their app's resident_data.py: resident_data(model, resident=path), or "
        f"not_resident_data(model, reason=...) with why reading them is not a disclosure: {unlisted}"
    )


def test_every_registered_path_leads_from_its_model_to_a_resident():
    for entry in _entries().values():
        model = apps.get_model(entry.model)
        assert issubclass(model, TenantModel), f"{entry.model}: reads are noted by TenantModel.from_db"
        if entry.exempt or entry.resident is None:
            continue
        if entry.resident == "":
            assert model is Resident, f"{entry.model} is not the resident model"
            continue
        for name in entry.resident.split("__"):
            model = model._meta.get_field(name).related_model
        assert model is Resident, f"{entry.model}: {entry.resident!r} does not end at a resident"


def test_an_exemption_needs_a_reason():
    from recovery.registry import not_resident_data

    with pytest.raises(ValueError, match="Say why"):
        not_resident_data("residents.Resident", reason=" ")


# --- The walkers --------------------------------------------------------------------------------------------------


@contextmanager
def rows_loaded():
    """{(label_lower, pk)} of every row of an audited model instantiated from the database inside the block."""
    audited = {label for label, entry in _entries().items() if not entry.exempt}
    loaded = {}

    def listen(sender, instance, **kwargs):
        if sender._meta.label in audited and instance.pk is not None:
            loaded[(sender._meta.label_lower, str(instance.pk))] = instance

    post_init.connect(listen, dispatch_uid="test_audit_reads")
    try:
        yield loaded
    finally:
        post_init.disconnect(dispatch_uid="test_audit_reads")


def _last_event_id():
    with scopes_disabled():
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return last or 0


def unaudited_rows(client, url, *, own_resident_ids=()):
    """GET `url`; (status, rows it loaded that no VIEW event of this request names)."""
    before = _last_event_id()
    with rows_loaded() as loaded:
        response = client.get(url)
    if not 200 <= response.status_code < 300:
        return response.status_code, []
    with scopes_disabled():
        viewed = set(
            AuditEvent.objects.filter(id__gt=before, action=AuditEvent.Action.VIEW).values_list(
                "object_type", "object_id"
            )
        )
    missing = [key for key, row in loaded.items() if key not in viewed]
    if own_resident_ids:
        missing = [key for key in missing if _resident_of(loaded[key]) not in own_resident_ids]
    return response.status_code, sorted(missing)


def _resident_of(row):
    """The resident a row belongs to, read from the database along its registered path."""
    path = _entries()[row._meta.label].resident
    if path is None:
        return None
    with scopes_disabled():
        return type(row)._base_manager.filter(pk=row.pk).values_list(path or "pk", flat=True).get()


def test_every_object_page_writes_a_view_naming_each_resident_row_it_shows(client, harbor):
    """Each object route of the isolation suite, for an object of the person's own organization, as an
    administrator (who may open almost every page): every resident row the page loads is named by a VIEW event."""
    client.force_login(make_member(harbor, Role.ADMIN))
    failures, shown = {}, 0
    for route_name in sorted(OBJECT_ROUTES):
        url = reverse(route_name, kwargs=OBJECT_ROUTES[route_name](harbor))
        status, missing = unaudited_rows(client, url)
        shown += status == 200
        if missing:
            failures[url] = missing
    assert shown > 60, "the walk opened too few pages to mean anything"
    assert not failures, f"pages showing resident rows without an audit event naming them: {failures}"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.HOUSE_MANAGER, Role.STAFF, Role.COACH, Role.RESIDENT])
def test_every_list_page_writes_a_view_naming_each_resident_row_it_shows(client, harbor, role):
    """Every page without an object in its URL, with one of every object in the organization, for each role; a
    resident's own rows shown to themselves are not a disclosure (see recovery/audit/reads.py)."""
    from tests.residences.builders import home_of_stay, resident_stay

    for make in OBJECT_ROUTES.values():
        make(harbor)
    user = make_member(harbor, role)
    own = ()
    if role in (Role.RESIDENT, Role.HOUSE_MANAGER):
        stay = resident_stay(harbor)
        with tenant_scope(harbor):
            if role == Role.RESIDENT:
                Resident.objects.filter(pk=stay.resident_id).update(user=user)
                own = (stay.resident_id,)
            else:
                from recovery.models import Membership
                from residences.homes.models import HouseManagerAssignment

                HouseManagerAssignment.objects.create(
                    residence=home_of_stay(stay), membership=Membership.objects.get(user=user)
                )
    client.force_login(user)
    failures = {}
    for route_name in list_routes():
        try:
            url = reverse(route_name)
        except NoReverseMatch:
            continue
        _status, missing = unaudited_rows(client, url, own_resident_ids=own)
        if missing:
            failures[url] = missing
    assert not failures, f"pages showing resident rows to a {role} without an audit event naming them: {failures}"


def _admin_urls(model, obj):
    info = (model._meta.app_label, model._meta.model_name)
    yield reverse("admin:{}_{}_changelist".format(*info))
    yield reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
    yield reverse("admin:{}_{}_history".format(*info), args=[obj.pk])
    yield reverse("admin:{}_{}_delete".format(*info), args=[obj.pk])


def test_every_admin_page_of_resident_data_writes_a_view_naming_each_row_it_shows(client, harbor):
    """Platform staff in Django admin: the list, a record, its history and its delete confirmation of every
    registered model with an admin page."""
    for make in OBJECT_ROUTES.values():
        make(harbor)
    sign_in_with_totp(client, UserFactory(is_staff=True, is_superuser=True))
    failures, opened = {}, 0
    for label, entry in sorted(_entries().items()):
        model = apps.get_model(label)
        if entry.exempt or model not in admin.site._registry:
            continue
        with scopes_disabled():
            obj = model._base_manager.order_by("pk").first()
        if obj is None:
            continue
        for url in _admin_urls(model, obj):
            status, missing = unaudited_rows(client, url)
            opened += status == 200
            if missing:
                failures[url] = missing
    assert opened > 40, "the walk opened too few admin pages to mean anything"
    assert not failures, f"admin pages showing resident rows without an audit event naming them: {failures}"


# --- The pages the audit found silent (issue 12, item 6) -----------------------------------------------------------


def _check_in_today(org):
    from tests.peer_support.builders import make_check_in
    from tests.residences.builders import home_of_stay, resident_stay

    stay = resident_stay(org)
    make_check_in(stay.resident, residence=home_of_stay(stay))
    return {}


def _seeded(route):
    """Make the object of an isolation route; the page asked for is a list, so it takes no kwargs."""

    def make(org):
        OBJECT_ROUTES[route](org)
        return {}

    return make


def _ledger_with_an_entry(org):
    from residences.models import LedgerEntry

    entry_pk = OBJECT_ROUTES["residences:correct_entry"](org)["pk"]
    with tenant_scope(org):
        return {"stay_pk": LedgerEntry.objects.get(pk=entry_pk).stay_id}


def _meeting_of_a_lived_in_home(org):
    from tests.governance.builders import make_meeting
    from tests.residences.builders import home_of_stay, resident_stay

    stay = resident_stay(org)  # moved in on 2026-11-01
    return {"pk": make_meeting(org, residence=home_of_stay(stay), held_on=date(2026, 11, 20)).pk}


def _lived_in_home(org):
    from tests.residences.builders import home_of_stay, resident_stay

    return {"pk": home_of_stay(resident_stay(org)).pk}


def _home_with_a_pass(org):
    from governance.passes.models import Pass
    from tests.residences.builders import home_of_stay

    pass_pk = OBJECT_ROUTES["governance:pass_decide"](org)["pk"]
    with tenant_scope(org):
        stay = Pass.objects.select_related("stay").get(pk=pass_pk).stay
    return {"residence_pk": home_of_stay(stay).pk}


def _someone_living_in_a_home(org):
    from tests.residences.builders import resident_stay

    resident_stay(org)
    return {}


def _someone_with_service_hours(org):
    from peer_support.community.models import ServiceHours
    from tests.residences.builders import resident_stay

    stay = resident_stay(org)
    with tenant_scope(org):
        ServiceHours.objects.create(resident_id=stay.resident_id, on=date(2026, 11, 20), hours=2, where="Food bank")
    return {}


SILENT_PAGES = [
    # (page, a function making its data and returning the page's kwargs, a kind of record the page shows)
    ("peer_support:my_people", _check_in_today, "peer_support.checkin"),
    ("governance:drug_test_list", _seeded("governance:drug_test_detail"), "governance.drugtest"),
    ("governance:incident_list", _seeded("governance:incident_detail"), "governance.incident"),
    ("residences:waitlist", _seeded("residences:application_detail"), "residences.application"),
    ("residents:reviews", _seeded("residents:review_detail"), "residents.progressreview"),
    ("residences:ledger", _ledger_with_an_entry, "residences.ledgerentry"),
    ("governance:attendance", _meeting_of_a_lived_in_home, "residents.resident"),
    ("governance:pass_house", _home_with_a_pass, "governance.pass"),
    ("residences:residence_home", _lived_in_home, "residents.resident"),
    # Pages that once listed residents from values(), which loads no record to audit.
    ("peer_support:give_and_receive_totals", _someone_living_in_a_home, "residents.resident"),
    ("peer_support:service_hours", _someone_with_service_hours, "residents.resident"),
]
# Rows that may name no single resident: an incident names several, an application may come before a resident.
NO_SINGLE_RESIDENT = {"governance.incident", "residences.application"}


@pytest.mark.parametrize(("page", "make", "record_type"), SILENT_PAGES)
def test_a_page_that_shows_resident_records_writes_a_view_naming_them(client, harbor, page, make, record_type):
    url = reverse(page, kwargs=make(harbor) or None)
    client.force_login(make_member(harbor, Role.ADMIN))

    assert client.get(url).status_code == 200
    with tenant_scope(harbor):
        shown = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, path=url, object_type=record_type)
        assert shown.exists(), f"{url} wrote no VIEW event for the {record_type} rows it shows"
        if record_type not in NO_SINGLE_RESIDENT:
            assert all(event.resident_id for event in shown), "each event names the resident whose record it shows"


def test_a_view_the_page_records_itself_is_written_once_naming_the_resident(client, harbor):
    from tests.residences.builders import resident_stay

    stay = resident_stay(harbor)
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residents:resident_detail", kwargs={"pk": stay.resident_id})

    assert client.get(url).status_code == 200
    with tenant_scope(harbor):
        (view,) = AuditEvent.objects.filter(path=url, object_type="residents.resident", object_id=str(stay.resident_id))
    assert view.resident_id == stay.resident_id


def test_a_housemates_shared_answers_are_written_down_and_the_residents_own_are_not(client, harbor):
    from tests.peer_support.builders import make_check_in
    from tests.residences.builders import home_of_stay, resident_stay

    mine = resident_stay(harbor)
    home = home_of_stay(mine)
    housemate = resident_stay(harbor, residence=home)
    own_answers = make_check_in(mine.resident, residence=home, share_with_house=True)
    their_answers = make_check_in(housemate.resident, residence=home, share_with_house=True)
    with tenant_scope(harbor):
        client.force_login(Resident.objects.get(pk=mine.resident_id).user)

    url = reverse("peer_support:community_screen", kwargs={"residence_pk": home.pk})
    assert client.get(url).status_code == 200
    with tenant_scope(harbor):
        shown = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_type="peer_support.checkin")
        assert set(shown.values_list("object_id", "resident_id")) == {(str(their_answers.pk), housemate.resident_id)}
    assert str(own_answers.pk) not in set(shown.values_list("object_id", flat=True))


def test_a_page_writes_its_views_in_one_insert(client, harbor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        OBJECT_ROUTES["governance:drug_test_detail"](harbor)
    client.force_login(make_member(harbor, Role.ADMIN))

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("governance:drug_test_list")).status_code == 200
    inserts = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT") and "audit_auditevent" in q["sql"]
    ]
    assert len(inserts) == 1
