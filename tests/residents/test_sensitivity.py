"""Every sensitive class, and every part of a record kept from mentors, against every role, on every page that
shows or changes it (residents.sensitivity is the one source of who sees what).

The walk: one resident (the mentee) with one record of every class, each carrying a tell (a string only that
record shows); then, for every page in PAGES and every viewer (admin, staff, the mentee's house manager, the
mentee's coach, the mentee themselves, another resident of the house), a viewer the sensitivity table lets see
the part gets the page with the tell, and anyone else gets 403/404 or a page without the tell, and their POST
changes nothing. A row may narrow who reaches a page, never widen it past the table.

The table is checked against the URLconf: every page that reads a model holding a sensitive class (or a part kept
from mentors), found by the queries it makes, must be a row of PAGES (or in NOT_SHOWN, with the reason). So a new
view of a sensitive model fails this suite until someone decides who sees it.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from residents.sensitivity import (
    DEFAULT_VISIBILITY,
    KEEPER_ROLES,
    KEPT_FROM_MENTORS,
    SENSITIVE_FIELDS,
    SENSITIVE_MODELS,
    InfoClass,
)
from tests.isolation_routes import OBJECT_ROUTES
from tests.recovery.builders import make_coach, make_member
from tests.residences.builders import make_home, make_stay, manager_of
from tests.residents.builders import make_consent
from tests.test_isolation import walk

pytestmark = pytest.mark.django_db

# The viewers of the walk, each with the role they sign in with.
VIEWERS = {
    "admin": Role.ADMIN,
    "staff": Role.STAFF,
    "house_manager": Role.HOUSE_MANAGER,
    "coach": Role.COACH,
    "own": Role.RESIDENT,
    "other_resident": Role.RESIDENT,
}

TELLS = {
    InfoClass.COUNSELING_NOTES: "tell-counseling-note",
    "clinical": "tell-clinical-considerations",
    InfoClass.MEDICATION: "tell-medication",
    InfoClass.INCIDENTS: "tell-incident",
    InfoClass.TEST_RESULTS: "tell-test-observer",
    InfoClass.ASSESSMENTS: "<strong>40</strong> of 60",  # the mentee's BARC-10 total, on its trend
    "consents": "Dana Cole",
    "justice_details": "tell-officer",
    "date_of_birth": "February 3, 1981",
    "ledger": "123.45",
}


def allowed(part: str) -> set[str]:
    """The viewers residents.sensitivity lets see `part` of the mentee's record (the mentee always)."""
    if part in InfoClass.values:
        staff = {viewer for viewer in VIEWERS if viewer != "own" and part in DEFAULT_VISIBILITY[VIEWERS[viewer]]}
        staff.discard("other_resident")
    else:
        staff = {viewer for viewer in VIEWERS if VIEWERS[viewer] in KEEPER_ROLES}
    return staff | {"own"}


@dataclass(frozen=True)
class Page:
    route: str
    part: str
    kwargs: object = None  # world -> URL kwargs
    tell: object = None  # what shows the part on the page: TELLS[part] (None), a string, world -> string; "": any 200
    reach: frozenset | None = None  # who reaches the page, when fewer than the table allows
    post: dict = field(default_factory=dict)  # a POST that would change the part, if the viewer may

    def viewers(self) -> set[str]:
        return set(self.reach) if self.reach is not None else allowed(self.part)

    def tell_text(self, world) -> str:
        if self.tell is None:
            return TELLS[self.part]
        return self.tell(world) if callable(self.tell) else self.tell


def _mentee(world):
    return {"pk": world.mentee.pk}


def _mentee_pk(world):
    return {"resident_pk": world.mentee.pk}


def _object(name):
    return lambda world: {"pk": world.objects[name].pk}


def _stay(world):
    return {"stay_pk": world.stay.pk}


def _link(route, name):
    """A link to the object's own page (the exact href: a page about it, such as its review, is not it)."""
    return lambda world: f'href="{reverse(route, kwargs={"pk": world.objects[name].pk})}"'


def _home(world):
    return {"residence_pk": world.home.pk}


KEEPERS = frozenset({"admin", "staff", "house_manager"})
PROGRAM = frozenset({"admin", "staff"})
OWN = frozenset({"own"})

PAGES = [
    # Counseling-type notes: case notes, and the plan's clinical considerations.
    Page("residents:case_notes", InfoClass.COUNSELING_NOTES, _mentee, post={"text": "written by someone"}),
    Page("residents:resident_detail", InfoClass.COUNSELING_NOTES, _mentee, tell="Case note ("),
    Page(
        "residents:plan",
        InfoClass.COUNSELING_NOTES,
        _mentee,
        tell=TELLS["clinical"],
        reach=PROGRAM,  # the resident reads their plan, but the form that holds the field is for staff
        post={"exit_where_next": "", "exit_supports": "", "clinical_considerations": "overwritten"},
    ),
    # Medication.
    Page(
        "residents:medications",
        InfoClass.MEDICATION,
        _mentee_pk,
        post={"name": "Written in", "prescriber": "Someone", "dose": "", "mat_kind": ""},
    ),
    Page("residents:mat_log", InfoClass.MEDICATION, _object("medication"), reach=KEEPERS),
    # Assessments.
    Page("residents:barc10_history", InfoClass.ASSESSMENTS, _mentee_pk),
    # The API's list without ?resident= is the resident's own (staff name the resident: residents/barc10/api.py).
    Page("api:barc10-list", InfoClass.ASSESSMENTS, tell='"total":40', reach=OWN),
    Page("residents:barc10_new", InfoClass.ASSESSMENTS, _mentee_pk),
    Page("residents:resident_detail", InfoClass.ASSESSMENTS, _mentee),
    Page("residents:plan", InfoClass.ASSESSMENTS, _mentee),
    Page("residents:review_detail", InfoClass.ASSESSMENTS, _object("review")),
    Page("residents:my_barc10", InfoClass.ASSESSMENTS, reach=OWN),
    Page("residents:my_plan", InfoClass.ASSESSMENTS, reach=OWN),
    Page("residents:my_reviews", InfoClass.ASSESSMENTS, reach=OWN),
    # Test results.
    Page("governance:drug_test_detail", InfoClass.TEST_RESULTS, _object("drug_test")),
    Page(
        "governance:drug_test_list",
        InfoClass.TEST_RESULTS,
        tell=_link("governance:drug_test_detail", "drug_test"),
        reach=KEEPERS,  # the resident finds their own tests on their accountability page
    ),
    Page("governance:drug_test_draw", InfoClass.TEST_RESULTS, _object("draw"), tell="", reach=KEEPERS),
    Page(
        "governance:accountability",
        InfoClass.TEST_RESULTS,
        tell=_link("governance:drug_test_detail", "due_test"),
        reach=KEEPERS,
    ),
    Page("residents:resident_detail", InfoClass.TEST_RESULTS, _mentee, tell="Urine panel test"),
    Page(
        "governance:my_accountability",
        InfoClass.TEST_RESULTS,
        tell=_link("governance:drug_test_detail", "drug_test"),
        reach=OWN,
    ),
    # Incidents.
    Page("governance:incident_detail", InfoClass.INCIDENTS, _object("incident")),
    Page("governance:incident_list", InfoClass.INCIDENTS, tell=_link("governance:incident_detail", "incident")),
    Page("api:incidents-list", InfoClass.INCIDENTS, tell=lambda world: f'"id":{world.objects["incident"].pk},'),
    Page(
        "governance:accountability",
        InfoClass.INCIDENTS,
        tell=_link("governance:incident_detail", "incident"),
        reach=KEEPERS,
    ),
    Page("residents:resident_detail", InfoClass.INCIDENTS, _mentee, tell="Incident:"),
    # Consents (they name the probation officer): never a mentee's coach.
    Page("residents:consents", "consents", _mentee_pk, reach=KEEPERS),
    Page("residents:consent_detail", "consents", _object("consent"), reach=KEEPERS),
    # A consent is the resident's act: only they sign it on their account; staff record an in-person signature.
    Page("residents:consent_sign", "consents", _object("consent"), tell="Sign", reach=OWN),
    Page("residents:consent_sign_in_person", "consents", _object("consent"), tell="", reach=PROGRAM),
    Page("residents:consent_revoke", "consents", _object("consent"), tell="evoke", reach=frozenset({"own"} | PROGRAM)),
    Page("residents:disclose", "consents", _object("consent"), reach=PROGRAM),
    Page("residents:consent_event_happened", "consents", _object("consent"), tell="", reach=PROGRAM),
    Page("residents:my_consents", "consents", reach=OWN),
    # Justice details and date of birth: the profile, and its form.
    Page("residents:resident_detail", "justice_details", _mentee, tell="Justice involvement", reach=KEEPERS),
    Page("residents:resident_edit", "justice_details", _mentee, reach=KEEPERS, post={"first_name": "Changed"}),
    Page("residents:resident_detail", "date_of_birth", _mentee),
    Page("residents:resident_edit", "date_of_birth", _mentee, tell="1981-02-03", reach=KEEPERS),
    # Rent: the ledger's pages, and payments on the timeline.
    Page("residents:resident_detail", "ledger", _mentee),
    Page("residences:my_balance", "ledger", reach=OWN),
    Page("api:ledger-entries-list", "ledger"),  # the API's list, reached here with the browser's session
    Page("residences:ledger", "ledger", _stay, reach=KEEPERS),
    Page("residences:statement", "ledger", _stay),
    Page("residences:correct_entry", "ledger", _object("payment"), reach=KEEPERS),
    Page("residences:behind", "ledger", _home, tell="", reach=KEEPERS),
    Page("residences:residence_home", "ledger", lambda world: {"pk": world.home.pk}, tell="", reach=KEEPERS),
]

# Pages that read a sensitive model without showing it, and why.
NOT_SHOWN: dict[str, str] = {
    "residents:consent_signature": "the download of a captured signature image (no text of any class); its rule, "
    "the program's staff and the resident, is walked in tests/residents/test_consents_signing.py",
    "governance:incident_review": "the red-flag review shows an incident's outline (kind, home, date), which the "
    "house shares on purpose so anyone living there may call one; the description, the people involved and the "
    "follow-up stay on governance:incident_detail",
    "governance:my_house": "the resident's own page reads their ladder history, which counts their tests, but shows "
    "no test (their tests are on governance:my_accountability)",
    "governance:outcomes": "counts across residents (how many have paired BARC-10s, the mean change, how many crossed "
    "47), never one person's score, and only for roles that see assessments (tests/governance/test_outcomes.py)",
    "governance:home_outcomes": "the same counts for one home, under the same rule",
}


@dataclass
class World:
    organization: object
    home: object
    stay: object
    mentee: object
    other: object
    users: dict
    objects: dict


def build_world(organization) -> World:
    """A home that keeps clinical documentation, the mentee with one record of every part (each with its tell),
    another resident of the house, and one person of every other role (the coach mentors the mentee)."""
    from governance.drug_tests import services as drug_tests
    from peer_support.mentorships import services as mentorships
    from residences.ledger import services as ledger
    from residents.barc10 import services as barc10
    from residents.medications import services as medications
    from residents.plans import services as plans
    from residents.reviews.models import ProgressReview
    from tests.governance.builders import make_incident

    home = make_home(organization, clinical_documentation=True)
    users = {viewer: make_member(organization, role) for viewer, role in VIEWERS.items() if viewer != "coach"}
    users["house_manager"] = manager_of(home)
    coach, coach_membership = make_coach(organization)
    users["coach"] = coach
    stay = make_stay(organization, residence=home, user=users["own"], first_name="Mentee", last_name="Walked")
    other = make_stay(organization, residence=home, user=users["other_resident"], last_name="Neighbour").resident
    mentee = stay.resident
    today = organization_today(organization)
    with tenant_scope(organization):
        mentee.date_of_birth = date(1981, 2, 3)
        mentee.justice_involvement = "probation"
        mentee.justice_officer_name = TELLS["justice_details"]
        mentee.save()
        mentorships.start_mentorship(mentee=mentee, coach=coach_membership, on=today, by=None)
        plans.add_case_note(
            resident=mentee, by=users["staff"], text=TELLS[InfoClass.COUNSELING_NOTES], shared_with_resident=True
        )
        plan = plans.start_plan(resident=mentee, by=None)
        plans.update_plan(
            plan=plan, by=None, exit_where_next="", exit_supports="", clinical_considerations=TELLS["clinical"]
        )
        medication = medications.add_medication(resident=mentee, name=TELLS[InfoClass.MEDICATION], prescriber="Dr Lee")
        barc10.record_barc10(resident=mentee, answers=[4] * 10, occasion="other", taken_on=today)
        due_test = drug_tests.schedule_test(resident=mentee, residence=home, due_on=today, kind="breath")
        test = drug_tests.schedule_test(resident=mentee, residence=home, due_on=today, kind="urine")
        drug_tests.record_results(
            test=test, results={"alcohol": "negative"}, by=None, observed_by_name=TELLS[InfoClass.TEST_RESULTS]
        )
        draw = drug_tests.draw_random_tests(residence=home, day=today)
        review = ProgressReview.objects.create(stay=stay, due_on=today, progress="On track")
        payment = ledger.record_payment(stay=stay, amount=Decimal("123.45"), method="cash", posted_on=today)
    incident = make_incident(organization, stay=stay, text=TELLS[InfoClass.INCIDENTS])
    consent = make_consent(organization, resident=mentee, signed=False)
    objects = {
        "medication": medication,
        "drug_test": test,
        "due_test": due_test,
        "draw": draw,
        "review": review,
        "payment": payment,
        "incident": incident,
        "consent": consent,
    }
    return World(organization, home, stay, mentee, other, users, objects)


def snapshot(world, part: str):
    """Every row of the models that hold `part`, and the fields that hold it, as values: a POST that changed any of
    them changes this."""
    labels = [label for label, held in SENSITIVE_MODELS.items() if held == part] + sorted(
        KEPT_FROM_MENTORS.get(part, ())
    )
    labels += [label for label, held in SENSITIVE_FIELDS.items() if held == part]
    values = {}
    with tenant_scope(world.organization):
        for label in labels:
            app_label, model_name, *field_name = label.split(".")
            model = apps.get_model(app_label, model_name)
            rows = model.objects.order_by("pk")
            values[label] = list(rows.values(*field_name)) if field_name else list(rows.values())
    return values


def _url(page, world):
    return reverse(page.route, kwargs=page.kwargs(world) if page.kwargs else None)


def test_no_page_lets_anyone_past_the_sensitivity_table():
    for page in PAGES:
        assert page.viewers() <= allowed(page.part), f"{page.route} lets more people see {page.part} than the table"


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_sensitive_part_shows_only_to_the_roles_that_see_it(client, harbor, viewer):
    world = build_world(harbor)
    client.force_login(world.users[viewer])
    problems = []
    for page in PAGES:
        url, tell = _url(page, world), page.tell_text(world)
        response = client.get(url)
        shown = response.status_code == 200 and tell in response.content.decode()
        if viewer in page.viewers():
            if not shown:
                problems.append(f"{page.route} ({page.part}) does not show it: {response.status_code}")
            continue
        if shown or response.status_code not in (200, 302, 403, 404):
            problems.append(f"{page.route} shows {page.part}: {response.status_code}")
        before = snapshot(world, page.part)
        response = client.post(url, page.post)
        if snapshot(world, page.part) != before:
            problems.append(f"{page.route} let them change {page.part}: {response.status_code}")
    assert not problems, f"as the mentee's {viewer}: {problems}"


def _tables() -> dict[str, str]:
    """The database table of every model that holds a class or a part kept from mentors -> that class or part."""
    labels = dict(SENSITIVE_MODELS)
    for part, held in KEPT_FROM_MENTORS.items():
        labels |= {label: part for label in held if label.count(".") == 1}
    return {apps.get_model(label)._meta.db_table: part for label, part in labels.items()}


def _parts_read(client, url, tables) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {part for table, part in tables.items() for query in queries if f'"{table}"' in query["sql"]}


def test_every_page_that_reads_a_sensitive_model_is_walked(client, harbor):
    """Every route of the site (Django admin and sign-in aside) is opened by an admin, who sees everything, and the
    parameterless ones also by a resident with a record of every part: whatever reads a model of a part must be a
    row of PAGES for that part, or say in NOT_SHOWN why it shows none of it."""
    tables, walked = _tables(), {(page.route, page.part) for page in PAGES}
    world = build_world(harbor)
    untaught = set()
    for name, _route, converters in walk(get_resolver().url_patterns):
        if ":" not in name or name.split(":")[0] in {"admin", "account", "mfa"} or name in NOT_SHOWN:
            continue
        if converters and name not in OBJECT_ROUTES:
            continue  # no tenant data: the isolation suite says why (NOT_TENANT_ROUTES)
        if converters:
            viewers, url = ["admin"], reverse(name, kwargs=OBJECT_ROUTES[name](harbor))
        else:
            viewers, url = ["admin", "own"], reverse(name)
        for viewer in viewers:
            client.force_login(world.users[viewer])
            untaught |= {(name, part) for part in _parts_read(client, url, tables)} - walked
    assert not untaught, (
        "These pages read a sensitive model; add them to PAGES with who may see it (and make the view ask the rule), "
        f"or to NOT_SHOWN with why they show none of it: {sorted(untaught)}"
    )


def test_every_model_and_field_in_the_sensitivity_table_exists():
    for label in [
        *SENSITIVE_MODELS,
        *SENSITIVE_FIELDS,
        *(label for held in KEPT_FROM_MENTORS.values() for label in held),
    ]:
        app_label, model_name, *field_name = label.split(".")
        model = apps.get_model(app_label, model_name)
        if field_name:
            model._meta.get_field(field_name[0])
