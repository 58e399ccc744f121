"""Groups and life-skills workshops: who sees a session, RSVPs from residents, attendance by the facilitator
or staff, notes, and the next workshop for a resident's "today" page."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peer_support.workshops import services
from peer_support.workshops.models import WorkshopAttendance, WorkshopRsvp, WorkshopSession
from peer_support.workshops.selectors import next_workshop_for
from recovery.errors import DomainError
from recovery.models import Role
from tests.peer_support.builders import make_session
from tests.recovery.builders import make_member
from tests.residences.builders import make_home, manager_of, resident_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(harbor):
    maple, birch = make_home(harbor, name="Maple", beds=()), make_home(harbor, name="Birch", beds=())
    return maple, birch, resident_in(harbor, maple), resident_in(harbor, birch)


def test_a_resident_sees_sessions_of_their_home_and_all_homes_only(client, harbor, homes):
    maple, birch, (ana_user, _), _ = homes
    mine = make_session(harbor, residence=maple, title="Budgeting basics")
    everyone = make_session(harbor, residence=None, title="Job fair prep")
    theirs = make_session(harbor, residence=birch, title="Birch only group")
    client.force_login(ana_user)
    # The curriculum (workshop titles) is the organization's; sessions are listed only for the resident's house.
    page = client.get(reverse("peer_support:workshops")).context["page"]
    assert {session.pk for session in page["upcoming"]} == {mine.pk, everyone.pk}
    for session, status in ((mine, 200), (everyone, 200), (theirs, 403)):
        assert client.get(reverse("peer_support:session_detail", args=[session.pk])).status_code == status


def test_a_resident_rsvps_from_the_phone_and_can_change_their_answer(client, harbor, in_scope, homes):
    maple, _, (ana_user, ana), _ = homes
    session = make_session(harbor, residence=maple)
    client.force_login(ana_user)
    url = reverse("peer_support:session_rsvp", args=[session.pk])
    client.post(url, {"going": "yes"})
    client.post(url, {"going": "no"})
    with in_scope(harbor):
        assert list(WorkshopRsvp.objects.values_list("resident", "going")) == [(ana.pk, False)]


def test_rsvp_is_refused_for_another_homes_session_and_after_the_start(client, harbor, in_scope, homes):
    maple, birch, (ana_user, ana), _ = homes
    client.force_login(ana_user)
    other = make_session(harbor, residence=birch)
    assert client.post(reverse("peer_support:session_rsvp", args=[other.pk]), {"going": "yes"}).status_code == 403
    past = make_session(harbor, residence=maple, starts_at=timezone.now() - timedelta(hours=1))
    with in_scope(harbor):
        with pytest.raises(DomainError):
            services.rsvp(session=past, resident=ana, going=True)
        assert not WorkshopRsvp.objects.exists()


def test_one_rsvp_per_resident_and_session_is_kept_by_the_database(harbor, in_scope, homes):
    maple, _, (_, ana), _ = homes
    session = make_session(harbor, residence=maple)
    with in_scope(harbor):
        WorkshopRsvp.objects.create(session=session, resident=ana, going=True)
        with pytest.raises(IntegrityError):
            WorkshopRsvp.objects.create(session=session, resident=ana, going=False)


def test_a_peer_facilitator_takes_attendance_once_the_session_has_started(client, harbor, in_scope, homes):
    maple, _, (ana_user, ana), _ = homes
    peer_user, peer = resident_in(harbor, maple, first_name="Pat")
    session = make_session(
        harbor, residence=maple, facilitator_resident=peer, starts_at=timezone.now() - timedelta(minutes=30)
    )
    url = reverse("peer_support:session_attendance", args=[session.pk])
    client.force_login(ana_user)
    assert client.post(url, {"present": [ana.pk]}).status_code == 403
    client.force_login(peer_user)
    assert client.get(reverse("peer_support:session_detail", args=[session.pk])).status_code == 200
    assert client.post(url, {"present": [ana.pk]}).status_code == 302
    with in_scope(harbor):
        present = dict(WorkshopAttendance.objects.values_list("resident", "present"))
    assert present[ana.pk] is True and present[peer.pk] is False


def test_attendance_waits_until_the_session_starts(harbor, in_scope, homes):
    maple, _, (_, ana), _ = homes
    session = make_session(harbor, residence=maple)
    with in_scope(harbor), pytest.raises(DomainError):
        services.take_attendance(session=session, residents=[ana], present_ids=[ana.pk], by=None)


def test_a_house_manager_takes_attendance_only_in_their_homes(client, harbor, homes):
    maple, birch, _, _ = homes
    started = timezone.now() - timedelta(hours=1)
    client.force_login(manager_of(maple))
    mine = make_session(harbor, residence=maple, starts_at=started)
    theirs = make_session(harbor, residence=birch, starts_at=started)
    assert client.post(reverse("peer_support:session_attendance", args=[mine.pk])).status_code == 302
    assert client.post(reverse("peer_support:session_attendance", args=[theirs.pk])).status_code == 403


def test_a_staff_facilitator_writes_notes_and_materials(client, harbor, in_scope, homes):
    maple, _, (ana_user, _), _ = homes
    coach = make_member(harbor, Role.COACH)
    session = make_session(harbor, residence=maple, facilitator_user=coach)
    url = reverse("peer_support:session_notes", args=[session.pk])
    client.force_login(ana_user)
    assert client.post(url, {"notes": "x", "materials": ""}).status_code == 403
    client.force_login(coach)
    client.post(url, {"notes": "We made budgets.", "materials": "https://example.org/budget"})
    with in_scope(harbor):
        session.refresh_from_db()
    assert session.notes == "We made budgets."
    client.force_login(ana_user)
    assert (
        "https://example.org/budget"
        in client.get(reverse("peer_support:session_detail", args=[session.pk])).content.decode()
    )


def test_a_session_has_at_most_one_facilitator(harbor, in_scope, homes):
    maple, _, (_, ana), _ = homes
    with pytest.raises(DomainError):
        make_session(
            harbor, residence=maple, facilitator_user=make_member(harbor, Role.STAFF), facilitator_resident=ana
        )


def test_staff_add_a_workshop_and_schedule_a_session_from_the_pages(client, harbor, in_scope, homes):
    maple, _, _, _ = homes
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.post(reverse("peer_support:workshop_new"), {"topic": "job_readiness", "title": "Interviews"})
    assert response.status_code == 302
    response = client.post(response.url, {"residence": maple.pk, "starts_at": "2030-01-05T18:00", "place": "Kitchen"})
    assert response.status_code == 302
    with in_scope(harbor):
        assert WorkshopSession.objects.get().workshop.title == "Interviews"


def test_next_workshop_for_a_resident_is_the_soonest_of_their_home_or_all_homes(harbor, in_scope, homes):
    maple, birch, (_, ana), _ = homes
    now = timezone.now()
    make_session(harbor, residence=birch, starts_at=now + timedelta(hours=1), title="Birch")
    make_session(harbor, residence=maple, starts_at=now - timedelta(hours=1), title="Past")
    soon = make_session(harbor, residence=None, starts_at=now + timedelta(hours=3), title="All homes")
    make_session(harbor, residence=maple, starts_at=now + timedelta(days=3), title="Later")
    with in_scope(harbor):
        services.rsvp(session=soon, resident=ana, going=True)
        found = next_workshop_for(ana, now)
        card = render_to_string("peer_support/workshops/_next_workshop_card.html", {"next_workshop": found})
    assert found.pk == soon.pk and found.my_going is True
    assert "All homes" in card or soon.workshop.title in card
    assert "You&#x27;re going" in card or "You're going" in card


def test_the_workshop_list_query_count_does_not_grow_with_data(client, harbor, in_scope, homes):
    maple, _, (ana_user, ana), _ = homes
    client.force_login(ana_user)
    url = reverse("peer_support:workshops")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_session(harbor, residence=maple)
    count()
    small = count()
    for n in range(4):
        session = make_session(
            harbor,
            residence=maple if n % 2 else None,
            facilitator_resident=ana,
            starts_at=timezone.now() + timedelta(days=n - 2),
        )
        with in_scope(harbor):
            WorkshopRsvp.objects.create(session=session, resident=ana, going=True)
    assert count() == small


def test_a_coach_sees_all_homes_sessions_and_those_they_lead(client, harbor, homes):
    maple, birch, _, _ = homes
    coach = make_member(harbor, Role.COACH)
    everyone = make_session(harbor, residence=None)
    leads = make_session(harbor, residence=maple, facilitator_user=coach)
    other = make_session(harbor, residence=birch)
    client.force_login(coach)
    page = client.get(reverse("peer_support:workshops")).context["page"]
    assert {session.pk for session in page["upcoming"]} == {everyone.pk, leads.pk}
    for session, status in ((everyone, 200), (leads, 200), (other, 403)):
        assert client.get(reverse("peer_support:session_detail", args=[session.pk])).status_code == status
