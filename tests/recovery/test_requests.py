"""Every request reaches a decider: each kind registered under "requests" tells whoever may decide it (with a title
that names nobody), waits on their home page with its age, and tells the asker when it is decided; a model that
looks like a request but is not registered fails here, and so does a registered kind this suite cannot make."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.grievances import services as grievance_services
from governance.ladder import services as ladder_services
from governance.ladder.models import AppealStatus
from governance.passes import services as pass_services
from peer_support.checkins import services as checkin_services
from recovery.models import Membership, Role
from recovery.notifications.models import Notification
from recovery.registry import registry, request_kind_named
from recovery.requests import answered_title, waiting_for, waiting_title
from recovery.tenancy import organization_today, tenant_scope
from residences.operations import services as operations_services
from residents.phases import services as phase_services
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import make_member
from tests.residences.builders import manager_of

pytestmark = pytest.mark.django_db

NAME = "Quillfeather"  # the asker's name: never in a notification a decider's phone shows


@dataclass
class Made:
    request: object
    asker: object
    decide: object  # (decider) -> None


def _resident(home):
    user = make_member(home.organization, Role.RESIDENT, first_name=NAME)
    return user, add_resident(home, first_name=NAME, last_name=NAME, user=user)


def _stay(resident):
    return resident.stays.get()


def make_pass(home):
    user, resident = _resident(home)
    now = timezone.now()
    pass_ = pass_services.request_pass(
        stay=_stay(resident),
        residence=home,
        kind="day",
        leaves_at=now + timedelta(hours=1),
        returns_at=now + timedelta(hours=5),
        destination=f"{NAME}'s sister",
    )
    return Made(pass_, user, lambda by: pass_services.decide_pass(pass_=pass_, approve=True, by=by))


def make_phase(home):
    user, resident = _resident(home)
    advance = phase_services.ask_to_advance(stay=_stay(resident), why_ready="Ninety days and a job")
    return Made(
        advance,
        user,
        lambda by: phase_services.decide(
            request=advance, approve=False, by=by, on=organization_today(), note="After the review"
        ),
    )


def make_grievance(home):
    user, resident = _resident(home)
    grievance = grievance_services.file_grievance(
        resident=resident, residence=home, subject="The kitchen rota", details="It is unfair", by=user
    )
    return Made(
        grievance,
        user,
        lambda by: grievance_services.respond(
            grievance=grievance, response="We will change it", outcome="Changed", by=by
        ),
    )


def make_appeal(home):
    user, resident = _resident(home)
    violation = ladder_services.record_violation(
        resident=resident, residence=home, rule="Curfew", evidence="Late", occurred_on=organization_today(), by=None
    )
    violation = ladder_services.appeal(violation=violation, reason="The bus broke down")
    return Made(
        violation,
        user,
        lambda by: ladder_services.decide_appeal(
            violation=violation, status=AppealStatus.OVERTURNED, outcome="The bus did break down", by=by
        ),
    )


def make_maintenance(home):
    reporter = make_member(home.organization, Role.STAFF, first_name=NAME)
    request = operations_services.open_maintenance_request(
        residence=home, description="The boiler is cold", urgency="urgent", by=reporter
    )
    return Made(
        request,
        reporter,
        lambda by: operations_services.update_maintenance_request(
            maintenance_request=request, status="in_progress", by=by
        ),
    )


def make_talk(home):
    user, resident = _resident(home)
    talk, created = checkin_services.ask_to_talk(resident=resident)
    assert created
    return Made(talk, user, lambda by: checkin_services.answer_talk_request(talk_request=talk, by=by))


MAKERS = {
    "pass": make_pass,
    "phase": make_phase,
    "grievance": make_grievance,
    "appeal": make_appeal,
    "maintenance": make_maintenance,
    "talk": make_talk,
}

# Models that look like a request (a status that can be pending, requested or open, and someone it is about or
# who asked) but are not something a person asks someone to decide.
NOT_REQUESTS = {
    "governance.DrugTest": "a test the house schedules; 'pending' waits for a lab, not for a person's decision",
    "governance.Mediation": "a record of a mediation already held, written by staff; nobody asks through it",
    "residences.Application": "asked by someone outside Hearth with no sign-in; the waitlist is its decider's page",
    "recovery.Delivery": "an outgoing email or text message, not a person's request",
}

ASKER_FIELDS = {"resident", "stay", "requested_by", "filed_by", "reported_by", "asked_by"}
WAITING_VALUES = {"pending", "requested", "open"}


def looks_like_a_request(model) -> bool:
    """A status field that can say pending, requested or open, and a field naming who asked or whom it is about;
    or a field saying who asked (filed_by, requested_by, asked_by) at all."""
    names = {field.name for field in model._meta.get_fields()}
    if names & {"requested_by", "filed_by", "asked_by"}:
        return True
    waiting = any(
        field.name.endswith("status") and WAITING_VALUES & {value for value, _label in (field.choices or ())}
        for field in model._meta.concrete_fields
    )
    return waiting and bool(names & ASKER_FIELDS)


def test_every_registered_request_kind_is_made_by_this_suite():
    assert {kind.name for kind in registry["requests"]} == set(MAKERS)


def test_every_model_that_looks_like_a_request_is_a_registered_kind_or_says_why_not():
    registered = {kind.model for kind in registry["requests"]}
    silent = [
        model._meta.label
        for model in apps.get_models()
        if looks_like_a_request(model) and model not in registered and model._meta.label not in NOT_REQUESTS
    ]
    assert silent == [], f"Register these as request kinds (recovery.registry.request_kind) or say why not: {silent}"


def test_a_new_model_with_a_requested_status_and_a_resident_looks_like_a_request():
    class RideRequest(models.Model):
        resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE)
        status = models.CharField(max_length=10, choices=[("requested", "Requested"), ("given", "Given")])

        class Meta:
            app_label = "planted_for_this_test"

        def __str__(self):
            return f"Ride request #{self.pk}"

    assert looks_like_a_request(RideRequest)


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_a_request_tells_a_decider_waits_on_their_home_page_and_answers_the_asker(client, harbor, name):
    home = make_peer_home(harbor)
    manager_of(home)
    make_member(harbor, Role.ADMIN)
    with tenant_scope(harbor):
        before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        made = MAKERS[name](home)
        deciders = request_kind_named(name).deciders(made.request)
        assert deciders, f"Nobody may decide a {name}"
        told = Notification.objects.filter(pk__gt=before, recipient__in=deciders)
        assert told.exists(), f"Making a {name} told none of its deciders"
        assert {notice.title for notice in told} == {waiting_title(name)}, f"A {name} speaks its own words"
        assert not any(NAME in notice.title + notice.body for notice in told)
        decider = told.first().recipient
        waiting = waiting_for(Membership.objects.get(user=decider))
        assert [row.label for row in waiting] == [request_kind_named(name).label]
    client.force_login(decider)
    page = client.get("/").content.decode()
    assert "Waiting for you" in page and waiting[0].url in page
    with tenant_scope(harbor):
        decided_before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
        made.decide(decider)
        answers = Notification.objects.filter(pk__gt=decided_before, recipient=made.asker)
        assert answers.exists(), f"Deciding a {name} did not tell the asker"
        assert {notice.title for notice in answers} == {answered_title(name)}, f"A {name} answers in its own words"
        assert waiting_for(Membership.objects.get(user=decider)) == []


def test_waiting_for_you_costs_the_same_queries_with_one_request_or_many(harbor):
    home = make_peer_home(harbor, beds=20)
    manager = manager_of(home)

    def count():
        with tenant_scope(harbor):
            membership = Membership.objects.get(user=manager)
            with CaptureQueriesContext(connection) as queries:
                rows = waiting_for(membership)
        return len(queries), len(rows)

    with tenant_scope(harbor):
        for make in MAKERS.values():
            make(home)
    few, shown = count()
    with tenant_scope(harbor):
        for make in MAKERS.values():
            make(home)
            make(home)
    many, shown_many = count()
    assert shown_many == 3 * shown and many == few


def test_staff_are_not_shown_grievances_or_appeals_they_may_not_answer(harbor):
    home = make_peer_home(harbor)
    manager_of(home)
    staff = make_member(harbor, Role.STAFF)
    with tenant_scope(harbor):
        make_grievance(home)
        make_appeal(home)
        make_pass(home)
        labels = [row.label for row in waiting_for(Membership.objects.get(user=staff))]
    assert labels == ["pass request"]
