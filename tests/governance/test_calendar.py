"""Calendar feeds (governance/calendar/): a person's private link opens an iCalendar feed without a session; it
holds the house meetings, workshops, chores, passes due back and progress reviews that concern them, in the home's
time zone, titled with plain words only; a revoked or replaced link answers 404; only the token's hash is kept;
the feed is rate-limited; and nobody sees another home's or another organization's events."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from governance.calendar import services, views
from governance.calendar.models import CalendarFeed
from governance.calendar.selectors import EventKind
from recovery.audit.models import AuditEvent
from recovery.models import Membership, Role
from recovery.tenancy import tenant_scope
from tests.clock import house_today
from tests.governance.builders import make_meeting
from tests.recovery.builders import make_member
from tests.residences.builders import home_of_stay, make_home, manager_of, resident_stay

pytestmark = pytest.mark.django_db

DENVER = ZoneInfo("America/Denver")


@pytest.fixture
def stay(harbor):
    """A resident (Jordan Reyes) living in a Denver home with a meeting, a workshop session, a chore, a pass and a
    progress review ahead."""
    from governance.chores.models import Chore, ChoreAssignment, ChoreWeek
    from governance.passes.models import Pass
    from peer_support.workshops.models import Workshop, WorkshopSession
    from residents.reviews.models import ProgressReview

    stay = resident_stay(harbor, first_name="Jordan", last_name="Reyes")
    home = home_of_stay(stay)
    today = house_today()
    with tenant_scope(harbor):
        home.time_zone = DENVER
        home.save()
        chore = Chore.objects.create(residence=home, name="Scrub the relapse-room floor")
        week = ChoreWeek.objects.create(residence=home, week_of=today, turn=0)
        ChoreAssignment.objects.create(week=week, chore=chore, resident=stay.resident)
        leaves = datetime.combine(today + timedelta(days=3), time(9), tzinfo=DENVER)
        Pass.objects.create(
            stay=stay,
            residence=home,
            kind="day",
            leaves_at=leaves,
            returns_at=leaves + timedelta(hours=8),
            destination="Methadone clinic",
            status="approved",
        )
        ProgressReview.objects.create(stay=stay, due_on=today + timedelta(days=10), progress="Opioid cravings")
        workshop = Workshop.objects.create(topic="finances", title="Budgeting after rehab")
        WorkshopSession.objects.create(
            workshop=workshop,
            residence=home,
            starts_at=datetime.combine(today + timedelta(days=2), time(18), tzinfo=DENVER),
            place="Kitchen",
            facilitator_resident=stay.resident,
        )
    make_meeting(harbor, home, held_on=today + timedelta(days=1))
    return stay


def _link(client, user) -> str:
    client.force_login(user)
    response = client.post(reverse("governance:make_calendar_link"), follow=True)
    assert response.status_code == 200
    url = re.search(r"https?://[^\s<\"]+\.ics", response.content.decode())[0]
    client.logout()
    return url


def _feed(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar):
    return [component for component in calendar.walk() if component.name == "VEVENT"]


def test_a_residents_feed_holds_their_meetings_workshops_chores_pass_and_review_without_a_session(client, stay):
    calendar = _feed(client, _link(client, stay.resident.user))
    titles = sorted(str(event["summary"]) for event in _events(calendar))
    assert titles == sorted(
        [
            EventKind.CHORE,
            EventKind.HOUSE_MEETING,
            EventKind.PASS_DUE_BACK,
            EventKind.PROGRESS_REVIEW,
            EventKind.WORKSHOP,
        ]
    )


def test_timed_events_carry_the_homes_time_zone_and_all_day_ones_are_dates(client, stay):
    body = client.get(_link(client, stay.resident.user)).content.decode()
    assert "BEGIN:VTIMEZONE" in body and "TZID:America/Denver" in body
    assert "DTSTART;TZID=America/Denver:" in body and "T190000" in body  # the meeting at 7 pm in Denver
    meeting = next(e for e in _events(Calendar.from_ical(body)) if str(e["summary"]) == EventKind.HOUSE_MEETING)
    assert meeting["dtstart"].dt.hour == 19 and str(meeting["dtstart"].dt.tzinfo) == "America/Denver"
    chore = next(e for e in _events(Calendar.from_ical(body)) if str(e["summary"]) == EventKind.CHORE)
    assert not isinstance(chore["dtstart"].dt, datetime)


def test_the_feed_says_nothing_sensitive(client, stay):
    content = client.get(_link(client, stay.resident.user)).content
    body = content.decode().lower()
    for word in ("jordan", "reyes", "relapse", "methadone", "opioid", "rehab", "budgeting", "recovery", "clinic"):
        assert word not in body
    titles = {str(event["summary"]) for event in _events(Calendar.from_ical(content))}
    assert titles <= EventKind.ALL


def test_a_revoked_link_answers_404_and_a_replaced_one_too(client, stay):
    user = stay.resident.user
    first = _link(client, user)
    second = _link(client, user)  # making a new link revokes the first
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.force_login(user)
    assert client.post(reverse("governance:revoke_calendar_link")).status_code == 302
    client.logout()
    assert client.get(second).status_code == 404


def test_an_unknown_or_malformed_token_answers_404(client, stay):
    assert client.get(reverse("governance:calendar_feed", kwargs={"token": "hcal_nothing"})).status_code == 404
    assert client.get(reverse("governance:calendar_feed", kwargs={"token": "x" * 300})).status_code == 404


def test_only_the_tokens_hash_is_kept_and_the_audit_log_never_holds_the_token(client, harbor, stay):
    url = _link(client, stay.resident.user)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    client.get(url)
    with tenant_scope(harbor):
        feed = CalendarFeed.objects.get()
        assert feed.token_hash == CalendarFeed.hash_token(token) and token not in feed.token_hash
        assert not AuditEvent.objects.filter(path__contains=token).exists()
        assert not AuditEvent.objects.filter(detail__contains=token).exists()


def test_a_link_stops_working_when_its_membership_ends(client, harbor, stay):
    url = _link(client, stay.resident.user)
    with tenant_scope(harbor):
        Membership.objects.filter(user=stay.resident.user).update(is_active=False)
    assert client.get(url).status_code == 404


def test_the_feed_is_rate_limited(client, stay, monkeypatch):
    monkeypatch.setattr(views, "FEED_REQUESTS_PER_HOUR", 2)
    url = _link(client, stay.resident.user)
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_a_resident_sees_only_their_own_homes_meetings_and_only_their_own_chores_pass_and_review(client, harbor, stay):
    elsewhere = resident_stay(harbor, last_name="Elsewhere")
    make_meeting(harbor, home_of_stay(elsewhere), held_on=house_today() + timedelta(days=1))
    titles = [str(event["summary"]) for event in _events(_feed(client, _link(client, elsewhere.resident.user)))]
    assert titles == [EventKind.HOUSE_MEETING]  # their own home's, not the Denver home's five events


def test_a_house_manager_sees_their_homes_events_and_no_other_homes(client, harbor, stay):
    home = home_of_stay(stay)
    other = make_home(harbor, name="Other House")
    make_meeting(harbor, other, held_on=house_today() + timedelta(days=1))
    titles = [str(event["summary"]) for event in _events(_feed(client, _link(client, manager_of(home))))]
    assert sorted(titles) == sorted(
        [EventKind.HOUSE_MEETING, EventKind.WORKSHOP, EventKind.PASS_DUE_BACK, EventKind.PROGRESS_REVIEW]
    )


def test_another_organizations_member_sees_none_of_these_events(client, cedar, stay):
    assert _events(_feed(client, _link(client, make_member(cedar, Role.ADMIN)))) == []


def test_a_link_is_one_per_person_in_the_database(harbor, stay):
    from django.db import IntegrityError, transaction

    with tenant_scope(harbor):
        membership = Membership.objects.get(user=stay.resident.user)
        services.make_link(membership=membership)
        with pytest.raises(IntegrityError), transaction.atomic():
            CalendarFeed.objects.create(membership=membership, token_hash="0" * 64)


def test_a_new_link_is_shown_once(client, stay):
    url = _link(client, stay.resident.user)
    client.force_login(stay.resident.user)
    assert url not in client.get(reverse("governance:calendar_link")).content.decode()


def test_the_account_pages_link_to_the_calendar_page(client, stay):
    client.force_login(stay.resident.user)
    page = client.get(reverse("governance:calendar_link")).content.decode()
    assert reverse("governance:make_calendar_link") in page
    assert reverse("governance:calendar_link") in client.get(reverse("account_email")).content.decode()
