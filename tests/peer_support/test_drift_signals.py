"""Signals that someone may be drifting: each fires at its home's threshold and says why in words; an
acknowledged signal stays away until something new happens; computed in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peer_support.checkins.models import CheckIn
from peer_support.checkins.services import organization_today
from peer_support.drift_signals import services as drift_services
from peer_support.drift_signals.models import SignalSettings
from peer_support.drift_signals.selectors import signals_for
from peer_support.mentorships import services as mentor_services
from peer_support.mentorships.models import MentorContact
from peer_support.outside_meetings.models import OutsideMeeting
from recovery.tenancy import tenant_scope
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import make_coach
from tests.residences.builders import manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(harbor):
    home = make_peer_home(harbor)
    with tenant_scope(harbor):
        today = organization_today()
    resident = add_resident(home, move_in=today - timedelta(days=30))
    return harbor, home, resident, today


def _check_ins(org, resident, today, rows, **extra):
    """rows: {days ago: (feeling, craving)}"""
    with tenant_scope(org):
        for back, (feeling, craving) in rows.items():
            CheckIn.objects.create(
                resident=resident, day=today - timedelta(days=back), feeling=feeling, craving=craving, **extra
            )


def _signals(org, home, resident, today):
    with tenant_scope(org):
        found = signals_for([(resident.pk, home.pk, resident.stays.get().move_in)], today=today)[resident.pk]
    return {str(s.kind): s for s in found}


def _social(org, resident, today):
    """A meeting and a shared check-in today, so only the signal under test shows."""
    with tenant_scope(org):
        OutsideMeeting.objects.create(resident=resident, attended_on=today - timedelta(days=1), name="Big Book")


def test_missed_check_ins_in_a_row_fire_at_the_threshold_and_say_how_many(setting):
    org, home, resident, today = setting
    _check_ins(org, resident, today, {4: (4, 1)}, share_with_house=True)
    signals = _signals(org, home, resident, today)
    assert signals["missed"].reason.startswith("Missed 3 check-ins in a row (last check-in:")
    _check_ins(org, resident, today, {2: (4, 1)})
    assert "missed" not in _signals(org, home, resident, today)  # one missed day (yesterday) is under 2


def test_a_home_can_ask_for_more_missed_days_before_a_signal(setting):
    org, home, resident, today = setting
    _check_ins(org, resident, today, {4: (4, 1)})
    with tenant_scope(org):
        SignalSettings.objects.create(residence=home, missed_in_a_row=5)
    assert "missed" not in _signals(org, home, resident, today)


def test_rising_craving_and_falling_mood_fire_with_the_numbers(setting):
    org, home, resident, today = setting
    _social(org, resident, today)
    _check_ins(org, resident, today, {5: (4, 2), 3: (3, 4), 1: (2, 6), 0: (2, 6)}, share_with_house=True)
    signals = _signals(org, home, resident, today)
    assert "Craving went from 2 to 6 (out of 10)" in signals["craving"].reason
    assert "Feeling went from 4 to 2 (out of 5)" in signals["mood"].reason
    assert set(signals) == {"craving", "mood"}


def test_a_small_rise_in_craving_is_not_a_signal(setting):
    org, home, resident, today = setting
    _social(org, resident, today)
    _check_ins(org, resident, today, {2: (4, 2), 1: (4, 4), 0: (4, 4)}, share_with_house=True)
    assert _signals(org, home, resident, today) == {}


def test_no_outside_meeting_in_a_week_fires_but_not_for_a_newcomer(harbor, setting):
    org, home, resident, today = setting
    _check_ins(org, resident, today, {1: (4, 1), 0: (4, 1)}, share_with_house=True)
    with tenant_scope(org):
        OutsideMeeting.objects.create(resident=resident, attended_on=today - timedelta(days=9), name="Big Book")
    assert "No outside meeting in 7 days" in _signals(org, home, resident, today)["no_meeting"].reason
    newcomer = add_resident(home, move_in=today - timedelta(days=3))
    _check_ins(org, newcomer, today, {1: (4, 1), 0: (4, 1)}, share_with_house=True)
    assert "no_meeting" not in _signals(org, home, newcomer, today)


def test_no_mentor_contact_in_n_days_fires(setting):
    org, home, resident, today = setting
    _social(org, resident, today)
    _check_ins(org, resident, today, {1: (4, 1), 0: (4, 1)}, share_with_house=True)
    _user, coach = make_coach(org)
    with tenant_scope(org):
        mentorship = mentor_services.start_mentorship(
            mentee=resident, coach=coach, on=today - timedelta(days=20), by=None
        )
        MentorContact.objects.create(mentorship=mentorship, on=today - timedelta(days=10), how="call")
    assert (
        _signals(org, home, resident, today)["no_mentor_contact"].reason == "No contact with their mentor in 10 days."
    )
    with tenant_scope(org):
        MentorContact.objects.create(mentorship=mentorship, on=today - timedelta(days=1), how="text")
    assert "no_mentor_contact" not in _signals(org, home, resident, today)


def test_isolation_fires_when_nothing_is_shared_no_help_named_and_no_meeting(setting):
    org, home, resident, today = setting
    _check_ins(org, resident, today, {d: (3, 2) for d in range(6)}, ask_for_help="")
    signal = _signals(org, home, resident, today)["isolation"]
    assert "nothing shared with the house, nobody named to ask for help, and no outside meeting" in signal.reason
    _check_ins(org, resident, today, {6: (3, 2)}, ask_for_help="")
    with tenant_scope(org):
        CheckIn.objects.filter(resident=resident, day=today).update(ask_for_help="My sponsor")
    assert "isolation" not in _signals(org, home, resident, today)


def test_an_acknowledged_signal_stays_away_until_something_new_happens(client, setting):
    org, home, resident, today = setting
    _social(org, resident, today)
    _check_ins(org, resident, today, {3: (4, 1), 1: (4, 5)}, share_with_house=True)
    client.force_login(manager_of(home))
    signal = _signals(org, home, resident, today)["craving"]
    url = reverse("peer_support:acknowledge_signal", args=[resident.pk])
    response = client.post(url, {"kind": "craving", "evidence": signal.evidence, "note": "Talked after dinner"})
    assert response.status_code == 302
    assert "craving" not in _signals(org, home, resident, today)
    _check_ins(org, resident, today, {0: (4, 6)}, share_with_house=True)
    assert "craving" in _signals(org, home, resident, today)


def test_an_acknowledgement_needs_a_note(setting):
    org, _home, resident, _today = setting
    with tenant_scope(org), pytest.raises(drift_services.SignalProblem, match="short note"):
        drift_services.acknowledge(resident=resident, kind="missed", evidence="x", note=" ", by=None)


def test_my_people_shows_the_signals_with_their_reasons(client, setting):
    org, home, resident, today = setting
    _check_ins(org, resident, today, {5: (4, 1)})
    client.force_login(manager_of(home))
    page = client.get(reverse("peer_support:my_people")).content.decode()
    assert "Missed check-ins:" in page and "Missed 4 check-ins in a row" in page


def test_signals_take_the_same_queries_for_more_people_and_history(setting):
    org, home, resident, today = setting

    def count(people):
        with tenant_scope(org), CaptureQueriesContext(connection) as context:
            signals_for(people, today=today)
        return len(context.captured_queries)

    small = count([(resident.pk, home.pk, today - timedelta(days=30))])
    people = []
    for n in range(4):
        other = add_resident(home, first_name=f"More{n}")
        _check_ins(org, other, today, {d: (3, d % 4) for d in range(10)})
        people.append((other.pk, home.pk, today - timedelta(days=30)))
    assert count([*people, (resident.pk, home.pk, today - timedelta(days=30))]) == small


def test_the_house_manager_changes_the_thresholds_and_a_coach_may_not(client, setting):
    org, home, _resident, _today = setting
    url = reverse("peer_support:signal_settings", args=[home.pk])
    client.force_login(make_coach(org)[0])
    assert client.get(url).status_code == 403
    client.force_login(manager_of(home))
    fields = {
        "missed_in_a_row": 3,
        "craving_rise": 4,
        "mood_fall": 2,
        "window_days": 7,
        "meeting_days": 10,
        "mentor_contact_days": 7,
        "isolation_days": 5,
    }
    assert client.post(url, fields).status_code == 302
    with tenant_scope(org):
        assert SignalSettings.objects.get(residence=home).meeting_days == 10


def test_the_demo_has_residents_drifting_for_both_organizations(settings):
    from django.core.management import call_command

    from peer_support.today.selectors import my_people
    from recovery.models import Membership, Organization

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # a second run adds nothing twice
    for slug in ("harbor-light", "cedar-path"):
        organization = Organization.objects.get(slug=slug)
        with tenant_scope(organization):
            manager = Membership.objects.select_related("user").get(role="house_manager")
            _page, people = my_people(manager, manager.user, today=organization_today())
            kinds = {str(signal.kind) for person in people for signal in person.signals}
            assert {"missed", "craving", "mood"} <= kinds, slug
            assert CheckIn.objects.filter(day=organization_today() - timedelta(days=5)).exists()


def test_a_coachs_note_on_a_signal_shows_on_the_timeline_to_those_who_look_after_the_resident(client, setting):
    from recovery.models import Role
    from residents.plans.selectors import timeline
    from tests.recovery.builders import make_member

    org, home, resident, _today = setting
    manager = manager_of(home)
    resident_user = make_member(org, Role.RESIDENT)
    with tenant_scope(org):
        resident.user = resident_user
        resident.save()
        drift_services.acknowledge(
            resident=resident, kind="craving", evidence="1-5", note="Talked after dinner", by=manager
        )
    client.force_login(make_member(org, Role.STAFF))
    page = client.get(reverse("residents:resident_detail", kwargs={"pk": resident.pk})).content.decode()
    assert "Note on a signal (craving rising): Talked after dinner" in page
    with tenant_scope(org):
        assert not any("Talked after dinner" in entry.text for entry in timeline(resident, user=resident_user))


def test_a_coach_is_linked_to_where_contacts_are_logged(client, setting):
    org, _home, resident, today = setting
    coach_user, coach = make_coach(org)
    with tenant_scope(org):
        mentorship = mentor_services.start_mentorship(mentee=resident, coach=coach, on=today, by=None)
    client.force_login(coach_user)
    log_url = reverse("peer_support:mentorship_detail", args=[mentorship.pk])
    assert log_url in client.get(reverse("peer_support:my_people")).content.decode()
    assert log_url in client.get(reverse("peer_support:resident_check_ins", args=[resident.pk])).content.decode()
