"""The home page is Today: what waits for this person now, from the features' sources (recovery.today), first;
counts in a fixed number of queries; a resident's sections in a tab bar with the unread-message count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

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


def _sign_out(resident, home, *, due_in: timedelta):
    from governance.passes.models import SignOut

    now = timezone.now()
    with tenant_scope(home.organization):
        stay = resident.stays.get()
        return SignOut.objects.create(
            stay=stay, residence=home, out_at=now - timedelta(hours=3), due_back_at=now + due_in
        )


def test_a_resident_out_past_their_due_time_is_asked_urgently_to_sign_back_in(client, harbor):
    home = make_peer_home(harbor)
    user = make_member(harbor, Role.RESIDENT)
    resident = add_resident(home, user=user)
    _sign_out(resident, home, due_in=-timedelta(minutes=30))
    client.force_login(user)
    today = _today_section(client)
    assert "Sign back in — you were due back at" in today
    assert today.index("Sign back in") < today.index("Check in for today")  # urgent lines first


def test_a_resident_out_on_time_sees_when_they_are_due_back_without_alarm(client, harbor):
    home = make_peer_home(harbor)
    user = make_member(harbor, Role.RESIDENT)
    resident = add_resident(home, user=user)
    _sign_out(resident, home, due_in=timedelta(hours=2))
    client.force_login(user)
    today = _today_section(client)
    assert "Sign back in — due back at" in today and "you were due back" not in today


def test_a_house_managers_today_counts_who_is_overdue_back_and_links_the_passes_board(client, harbor):
    home = make_peer_home(harbor)
    late_one, late_two, on_time = (add_resident(home, first_name=name) for name in ("Ann", "Bo", "Cy"))
    _sign_out(late_one, home, due_in=-timedelta(minutes=5))
    _sign_out(late_two, home, due_in=-timedelta(hours=1))
    _sign_out(on_time, home, due_in=timedelta(hours=1))
    client.force_login(manager_of(home))
    today = _today_section(client)
    assert f'href="{reverse("governance:pass_house", args=[home.pk])}"' in today
    assert 'Overdue back</a> <span class="count">2</span>' in today


def test_a_house_manager_of_another_home_is_not_told_who_is_overdue_here(client, harbor):
    home, other = make_peer_home(harbor), make_peer_home(harbor)
    _sign_out(add_resident(home), home, due_in=-timedelta(minutes=5))
    client.force_login(manager_of(other))
    assert "Overdue back" not in _today_section(client)


def test_a_residents_today_asks_them_to_vote_on_an_open_motion_until_they_have(client, harbor):
    from governance.house_meetings.models import Ballot
    from tests.governance.builders import make_motion

    home = make_peer_home(harbor)
    user = make_member(harbor, Role.RESIDENT)
    resident = add_resident(home, user=user)
    motion = make_motion(harbor, home)
    client.force_login(user)
    today = _today_section(client)
    assert "Vote on an open motion" in today
    assert f'href="{reverse("governance:motion", args=[motion.pk])}"' in today
    with tenant_scope(harbor):
        Ballot.objects.create(motion=motion, voter=resident, choice="yes")
    assert "Vote on an open motion" not in _today_section(client)


def test_a_resident_who_moved_in_after_a_vote_opened_is_not_asked_to_vote_on_it(client, harbor):
    from tests.governance.builders import make_motion

    home = make_peer_home(harbor)
    add_resident(home)
    make_motion(harbor, home)
    newcomer = make_member(harbor, Role.RESIDENT)
    add_resident(home, user=newcomer)
    client.force_login(newcomer)
    assert "Vote on an open motion" not in _today_section(client)


def test_a_residents_today_asks_them_to_sign_new_house_rules_until_they_have(client, harbor):
    from residences.models import HouseRuleVersion, RuleAcknowledgement

    home = make_peer_home(harbor)
    user = make_member(harbor, Role.RESIDENT)
    resident = add_resident(home, user=user)
    client.force_login(user)
    assert "Read and sign the house rules" not in _today_section(client)  # no rules published yet
    with tenant_scope(harbor):
        rules = HouseRuleVersion.objects.create(
            residence=home,
            version=1,
            text="Quiet after ten.",
            effective_on=organization_today(),
            published_at=timezone.now(),
        )
    today = _today_section(client)
    assert "Read and sign the house rules" in today
    assert f'href="{reverse("residences:my_house_rules")}"' in today
    with tenant_scope(harbor):
        RuleAcknowledgement.objects.create(
            rule_version=rules, resident=resident, typed_name="Sam Lee", acknowledged_at=timezone.now()
        )
    assert "Read and sign the house rules" not in _today_section(client)
