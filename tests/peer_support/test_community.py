"""Community: the partner directory and its links to recovery-plan goals, events and volunteering with RSVPs,
community service hours; and the peer-support list pages of another organization show nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peer_support.community import services
from peer_support.community.models import EventRsvp, GoalPartner, Partner, ServiceHours
from peer_support.community.selectors import attach_partners, partners_for_goals
from recovery.errors import DomainError
from recovery.models import Role
from recovery.tenancy import CrossTenantRelation, scopes_disabled
from tests.clock import house_today
from tests.isolation_routes import OBJECT_ROUTES
from tests.peer_support.builders import make_partner
from tests.recovery.builders import MARKER, make_member
from tests.residences.builders import make_home, manager_of, resident_in
from tests.residents.builders import make_goal

pytestmark = pytest.mark.django_db

# The list pages of give and receive, workshops, community and announcements (no parameters; they read only the
# active organization through scoped managers).
LIST_ROUTES = [
    "peer_support:give_and_receive",
    "peer_support:give_and_receive_totals",
    "peer_support:workshops",
    "peer_support:workshop_new",
    "peer_support:partners",
    "peer_support:events",
    "peer_support:service_hours",
    "peer_support:announcements",
]


@pytest.fixture
def maple(harbor):
    return make_home(harbor, name="Maple", beds=())


# --- Partners and goals ----------------------------------------------------------------------------------------


def test_staff_add_a_partner_with_its_services(client, harbor, in_scope):
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.post(
        reverse("peer_support:partners"),
        {
            "name": "Northside Food Bank",
            "services": ["food", "benefits"],
            "phone": "555-0199",
            "website": "https://food.example.org",
        },
    )
    assert response.status_code == 302
    with in_scope(harbor):
        assert Partner.objects.get().services == ["food", "benefits"]


def test_a_resident_reads_the_directory_but_may_not_add(client, harbor, in_scope, maple):
    make_partner(harbor, name="Library job center")
    user, _ = resident_in(harbor, maple)
    client.force_login(user)
    assert "Library job center" in client.get(reverse("peer_support:partners")).content.decode()
    assert client.post(reverse("peer_support:partners"), {"name": "Mine"}).status_code == 403


def test_a_goal_links_only_to_a_partner_of_the_same_organization(harbor, cedar, in_scope, maple):
    _, resident = resident_in(harbor, maple)
    goal, theirs = make_goal(resident), make_partner(cedar)
    with scopes_disabled(), pytest.raises(CrossTenantRelation):
        services.link_partner(goal=goal, partner=theirs, by=None)
    with in_scope(harbor), pytest.raises(CrossTenantRelation):
        GoalPartner(goal=goal, partner=theirs).save()


def test_only_staff_who_look_after_the_resident_link_a_partner(client, harbor, in_scope, maple):
    user, resident = resident_in(harbor, maple)
    goal, partner = make_goal(resident), make_partner(harbor)
    url = reverse("peer_support:goal_link_partner", args=[goal.pk])
    for outsider in (user, make_member(harbor, Role.COACH), manager_of(make_home(harbor, beds=()))):
        client.force_login(outsider)
        assert client.post(url, {"partner": partner.pk}).status_code == 403
    client.force_login(manager_of(maple))
    assert client.post(url, {"partner": partner.pk}).status_code == 302
    assert client.post(url, {"partner": partner.pk}).status_code == 302  # twice keeps one link
    with in_scope(harbor):
        assert GoalPartner.objects.filter(goal=goal, partner=partner).count() == 1
        with pytest.raises(IntegrityError):
            GoalPartner.objects.create(goal=goal, partner=partner)


def test_the_partner_page_offers_only_goals_of_residents_the_manager_looks_after(client, harbor, in_scope, maple):
    _, mine = resident_in(harbor, maple)
    _, theirs = resident_in(harbor, make_home(harbor, beds=()))
    my_goal, their_goal = make_goal(mine), make_goal(theirs)
    partner = make_partner(harbor)
    client.force_login(manager_of(maple))
    url = reverse("peer_support:partner_detail", args=[partner.pk])
    assert client.post(url, {"goal": their_goal.pk}).status_code == 200  # not a choice: the form says so
    assert client.post(url, {"goal": my_goal.pk}).status_code == 302
    with in_scope(harbor):
        assert list(GoalPartner.objects.values_list("goal", flat=True)) == [my_goal.pk]


def test_partners_for_goals_is_one_query_and_the_snippet_shows_them(harbor, in_scope, maple):
    _, resident = resident_in(harbor, maple)
    goals = [make_goal(resident) for _ in range(3)]
    partners = [make_partner(harbor) for _ in range(2)]
    with in_scope(harbor):
        for goal in goals[:2]:
            for partner in partners:
                services.link_partner(goal=goal, partner=partner, by=None)
        with CaptureQueriesContext(connection) as queries:
            found = partners_for_goals([goal.pk for goal in goals])
        assert len(queries) == 1
        assert set(found) == {goals[0].pk, goals[1].pk}
        goals = attach_partners(goals)
        html = render_to_string("peer_support/community/_goal_partners.html", {"partners": goals[0].linked_partners})
    assert partners[0].name in html and goals[2].linked_partners == []


# --- Events and service hours ----------------------------------------------------------------------------------


def test_residents_rsvp_to_events_until_they_start(client, harbor, in_scope, maple):
    user, _resident = resident_in(harbor, maple)
    staff = make_member(harbor, Role.STAFF)
    client.force_login(staff)
    client.post(
        reverse("peer_support:events"),
        {"kind": "volunteering", "title": "Park cleanup", "starts_at": "2030-04-01T09:00", "place": "Riverside"},
    )
    with in_scope(harbor):
        event = services.add_event(
            by=staff,
            kind="recovery_event",
            title="Recovery walk",
            place="Main St",
            starts_at=timezone.now() - timedelta(hours=1),
        )
        upcoming = event.__class__.objects.get(title="Park cleanup")
    client.force_login(user)
    client.post(reverse("peer_support:event_rsvp", args=[upcoming.pk]), {"going": "yes"})
    client.post(reverse("peer_support:event_rsvp", args=[event.pk]), {"going": "yes"})
    with in_scope(harbor):
        assert list(EventRsvp.objects.values_list("event", "going")) == [(upcoming.pk, True)]
    client.force_login(make_member(harbor, Role.COACH))
    assert client.post(reverse("peer_support:event_rsvp", args=[upcoming.pk]), {"going": "yes"}).status_code == 403


def test_a_resident_logs_hours_and_staff_who_look_after_them_verify(client, harbor, in_scope, maple):
    user, _resident = resident_in(harbor, maple)
    client.force_login(user)
    client.post(
        reverse("peer_support:service_hours"),
        {"on": house_today().isoformat(), "hours": "2.5", "where": "Food bank"},
    )
    with in_scope(harbor):
        entry = ServiceHours.objects.get()
    url = reverse("peer_support:service_hours_verify", args=[entry.pk])
    assert client.post(url).status_code == 403
    client.force_login(manager_of(make_home(harbor, beds=())))
    assert client.post(url).status_code == 403
    client.force_login(manager_of(maple))
    assert client.post(url).status_code == 302
    response = client.get(reverse("peer_support:service_hours"))
    [row] = response.context["totals"]
    assert (row.all, row.verified) == (Decimal("2.5"), Decimal("2.5"))


def test_service_hours_over_a_day_are_refused(harbor, in_scope, maple):
    _, resident = resident_in(harbor, maple)
    with in_scope(harbor):
        with pytest.raises(DomainError):
            services.log_service_hours(resident=resident, on=house_today(), hours=Decimal("25"), where="x")
        with pytest.raises(IntegrityError):
            ServiceHours.objects.create(resident=resident, on=house_today(), hours=Decimal("0"), where="x")


# --- Query counts and isolation of the list pages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "role"),
    [
        ("peer_support:partners", Role.RESIDENT),
        ("peer_support:events", Role.RESIDENT),
        ("peer_support:service_hours", Role.RESIDENT),
        ("peer_support:service_hours", Role.ADMIN),
        ("peer_support:partners", Role.ADMIN),
    ],
)
def test_community_list_pages_query_count_does_not_grow_with_data(client, harbor, in_scope, maple, route, role):
    user, resident = resident_in(harbor, maple)
    client.force_login(user if role == Role.RESIDENT else make_member(harbor, role))
    url = reverse(route)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add_data():
        _, other = resident_in(harbor, maple)
        partner = make_partner(harbor)
        with in_scope(harbor):
            services.link_partner(goal=make_goal(other), partner=partner, by=None)
            event = services.add_event(
                by=None,
                kind="volunteering",
                title="Help",
                place="Park",
                partner=partner,
                starts_at=timezone.now() + timedelta(days=1),
            )
            services.rsvp_event(event=event, resident=resident, going=True)
            for who in (resident, other):
                services.log_service_hours(resident=who, on=house_today(), hours=Decimal("1"), where="Park")

    add_data()
    count()
    small = count()
    for _ in range(3):
        add_data()
    assert count() == small


@pytest.mark.parametrize("route_name", LIST_ROUTES)
@pytest.mark.parametrize("role", [Role.ADMIN, Role.RESIDENT])
def test_peer_support_list_pages_show_nothing_of_another_organization(client, harbor, cedar, route_name, role):
    for make in OBJECT_ROUTES.values():
        make(harbor)
    if role == Role.RESIDENT:
        user, _ = resident_in(cedar, make_home(cedar, beds=()))
    else:
        user = make_member(cedar, role)
    client.force_login(user)
    response = client.get(reverse(route_name))
    assert response.status_code in (200, 302, 403)
    assert MARKER not in response.content.decode()


@pytest.mark.parametrize("role", Role.values)
def test_every_peer_support_page_answers_every_role_without_a_server_error(client, harbor, in_scope, role, maple):
    kwargs = [(name, make(harbor)) for name, make in OBJECT_ROUTES.items() if name.startswith("peer_support:")]
    user = resident_in(harbor, maple)[0] if role == Role.RESIDENT else make_member(harbor, role)
    client.force_login(user)
    for name in LIST_ROUTES:
        assert client.get(reverse(name)).status_code < 500, name
    for name, route_kwargs in kwargs:
        assert client.get(reverse(name, kwargs=route_kwargs)).status_code < 500, name


def test_the_demo_seeds_peer_support_in_both_organizations_and_its_pages_render_for_every_role(client, settings):
    from django.core.management import call_command

    from peer_support.announcements.models import Announcement
    from peer_support.give_and_receive.models import HelpExchange
    from peer_support.workshops.models import WorkshopAttendance, WorkshopRsvp
    from recovery.models import Organization, User
    from recovery.tenancy import tenant_scope

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # safe to run again
    settings.DEBUG = False
    for slug in ("harbor-light", "cedar-path"):
        organization = Organization.objects.get(slug=slug)
        with tenant_scope(organization):
            assert Partner.objects.count() == 4 and GoalPartner.objects.exists()
            assert WorkshopAttendance.objects.exists() and WorkshopRsvp.objects.exists()
            assert HelpExchange.objects.exists() and ServiceHours.objects.exists() and EventRsvp.objects.exists()
            assert Announcement.objects.count() == 1
            urls = [reverse(name) for name in LIST_ROUTES]
            urls += [reverse("peer_support:partner_detail", args=[p.pk]) for p in Partner.objects.all()[:2]]
            from peer_support.workshops.models import WorkshopSession

            urls += [reverse("peer_support:session_detail", args=[s.pk]) for s in WorkshopSession.objects.all()]
            urls += [reverse("peer_support:announcement_detail", args=[a.pk]) for a in Announcement.objects.all()]
            urls += [reverse("peer_support:goal_link_partner", args=[g.goal_id]) for g in GoalPartner.objects.all()]
        domain = "harbor.example" if slug == "harbor-light" else "cedar.example"
        for local_part in ("admin", "manager", "staff", "coach", "resident"):
            client.force_login(User.objects.get(email=f"{local_part}@{domain}"))
            rendered = 0
            for url in urls:
                status = client.get(url).status_code
                assert status < 500, f"{url} as {local_part}: {status}"
                rendered += status == 200
            assert rendered >= 3


def test_the_plan_pages_show_each_goals_partners(client, harbor, in_scope, maple):
    user, resident = resident_in(harbor, maple)
    goal, partner = make_goal(resident), make_partner(harbor, name="Northside Food Bank")
    with in_scope(harbor):
        services.link_partner(goal=goal, partner=partner, by=None)
    client.force_login(manager_of(maple))
    page = client.get(reverse("residents:plan", kwargs={"pk": resident.pk})).content.decode()
    assert "Northside Food Bank" in page and "Link a partner" in page
    client.force_login(user)
    page = client.get(reverse("residents:my_plan")).content.decode()
    assert "Northside Food Bank" in page and "Link a partner" not in page
