"""The home page is Today: what waits for this person now, from the features' sources (recovery.today), first;
counts in a fixed number of queries; a resident's sections in a tab bar with the unread-message count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peer_support.checkins.models import CheckIn
from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, tenant_scope
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import make_member
from tests.residences.builders import manager_of

pytestmark = pytest.mark.django_db


def _today_section(client) -> str:
    page = client.get("/").content.decode()
    return page[page.index('id="today-heading"') : page.index("</section>", page.index('id="today-heading"'))]


def test_a_residents_today_asks_for_the_check_in_before_everything_else_when_they_have_not_checked_in(client, harbor):
    home = make_peer_home(harbor)
    user = make_member(harbor, Role.RESIDENT)
    add_resident(home, user=user)
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "What to do now" in page
    assert page.index("Check in for today") < page.index("Everything else")


def test_a_residents_today_drops_the_check_in_when_they_have_checked_in(client, harbor):
    home = make_peer_home(harbor)
    user = make_member(harbor, Role.RESIDENT)
    resident = add_resident(home, user=user)
    with tenant_scope(harbor):
        CheckIn.objects.create(resident=resident, residence=home, day=organization_today(), feeling=4, craving=1)
    client.force_login(user)
    assert "Check in for today" not in _today_section(client)


def test_a_house_managers_today_shows_who_asked_to_talk_when_a_resident_asked(client, harbor):
    home = make_peer_home(harbor)
    resident = add_resident(home)
    with tenant_scope(harbor):
        CheckIn.objects.create(
            resident=resident, residence=home, day=organization_today(), feeling=2, craving=6, needs_to_talk=True
        )
    client.force_login(manager_of(home))
    today = _today_section(client)
    assert "Your houses today" in today
    assert "Asked to talk today" in today and 'class="urgent"' in today


def test_a_house_managers_today_counts_missed_check_ins_and_free_beds(client, harbor):
    home = make_peer_home(harbor, beds=4)
    with tenant_scope(harbor):
        long_ago = organization_today() - timedelta(days=30)
    add_resident(home, first_name="Ann", move_in=long_ago)
    add_resident(home, first_name="Bo", move_in=long_ago)
    client.force_login(manager_of(home))
    today = _today_section(client)
    assert 'Missed yesterday&#x27;s check-in</a> <span class="count">2</span>' in today
    assert 'Beds free</a> <span class="count">2</span>' in today


def test_a_coachs_today_is_their_people(client, harbor):
    client.force_login(make_member(harbor, Role.COACH))
    assert "Your people today" in _today_section(client)


def _home_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", [Role.HOUSE_MANAGER, Role.RESIDENT])
def test_the_home_page_runs_as_many_queries_with_many_residents_as_with_one(client, harbor, role):
    home = make_peer_home(harbor, beds=12)
    user = manager_of(home) if role == Role.HOUSE_MANAGER else make_member(harbor, Role.RESIDENT)
    add_resident(home, user=user if role == Role.RESIDENT else None, first_name="First")
    client.force_login(user)
    _home_page_queries(client)  # the session's first request loads what later ones find cached
    few = _home_page_queries(client)
    for index in range(8):
        add_resident(home, first_name=f"More{index}")
    assert _home_page_queries(client) == few


def test_a_resident_has_a_tab_bar_with_their_unread_message_count(client, harbor):
    home = make_peer_home(harbor)
    user = make_member(harbor, Role.RESIDENT)
    add_resident(home, user=user)
    with tenant_scope(harbor):
        for _ in range(3):
            Notification.objects.create(recipient=user, kind="announcement", title="House meeting moved")
    client.force_login(user)
    page = client.get("/").content.decode()
    tab_bar = page[page.index('class="tab-bar"') :]
    assert "Check in" in tab_bar and "My house" in tab_bar
    assert '<span class="badge" aria-label="3 unread">3</span>' in tab_bar


def test_staff_have_no_tab_bar_and_a_short_top_bar(client, harbor):
    client.force_login(make_member(harbor, Role.STAFF))
    page = client.get("/").content.decode()
    assert 'class="tab-bar"' not in page
    header = page[page.index("<header") : page.index("</header>")]
    assert "Sign out" not in header  # in the footer: the top bar stays one short row on a phone
