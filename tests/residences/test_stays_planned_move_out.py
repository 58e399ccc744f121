"""One definition of "lives here on day D" (issue 14, item 4): a move-out recorded for a later day is a plan until
that day comes, for every feature that asks who lives in a home (residences.homes.selectors)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from peer_support.checkins import services as checkins
from peer_support.checkins.models import CheckIn
from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from residences.homes.selectors import (
    bed_board,
    bed_of,
    home_of,
    living_in,
    residence_home,
    residences_with_occupancy,
    residents_living_in,
    stays_current_on,
    stays_living_in,
)
from residences.ledger.selectors import own_stay
from residences.models import BedStatus
from residences.stays import services
from residences.stays.selectors import open_stay_of
from residents.models import Phase
from residents.phases.services import current_step, move_to_phase
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import make_member
from tests.residences.builders import beds_of

pytestmark = pytest.mark.django_db

ANSWERS = {"feeling": 4, "craving": 2, "slept": "ok", "went_to_meeting": True, "goal_today": "Walk", "ask_for_help": ""}


@pytest.fixture
def home(harbor):
    return make_peer_home(harbor, beds=3)


@pytest.fixture
def today(harbor):
    return organization_today(harbor)


@pytest.fixture
def leaving(harbor, home, today):
    """The issue's case: a resident whose move-out is recorded today for a week from now."""
    user = make_member(harbor, Role.RESIDENT)
    resident = add_resident(home, user=user, move_in=today - timedelta(days=30))
    with tenant_scope(harbor):
        stay = open_stay_of(resident)
        services.move_out(stay=stay, on=today + timedelta(days=7), reason="independent_living")
        stay.refresh_from_db()
    return stay


def test_a_resident_moving_out_next_week_still_lives_here_today_for_every_shared_read(harbor, home, leaving, today):
    resident = leaving.resident
    with tenant_scope(harbor):
        assert [row.stay for row in living_in(home, on=today)] == [leaving]
        assert [row.stay for row in living_in(home, on=None)] == [leaving]
        assert list(residents_living_in(home, on=today)) == [resident]  # votes, elections, lists, drug tests
        assert list(stays_living_in(home, on=today)) == [leaving]  # rent posting, balances on Today
        assert list(stays_current_on(today)) == [leaving]
        assert home_of(resident=resident, on=today) == home
        assert home_of(resident=resident, on=None) == home  # check-ins, mentoring, my people
        assert bed_of(user=resident.user, on=today).stay == leaving  # my house, passes, Today
        assert open_stay_of(resident) == leaving
        assert own_stay(resident.user) == leaving


def test_the_bed_board_says_occupied_with_the_planned_date_and_the_home_page_lists_it(harbor, home, leaving, today):
    with tenant_scope(harbor):
        views = [view for _room, beds in bed_board(home, today=today) for view in beds]
        taken = [view for view in views if view.current is not None]
        assert [(view.status, view.moving_out_on) for view in taken] == [
            (BedStatus.OCCUPIED, today + timedelta(days=7))
        ]
        counts = residences_with_occupancy(make_member(harbor, Role.ADMIN).memberships.get(), today=today)
        assert counts.get(pk=home.pk).beds_occupied == 1
        assert [stay.pk for stay in residence_home(home, today=today)["upcoming_move_outs"]] == [leaving.pk]


def test_a_resident_moving_out_next_week_can_check_in_today(harbor, leaving):
    with tenant_scope(harbor):
        _check_in, created = checkins.check_in(resident=leaving.resident, answers=ANSWERS)
        assert created and CheckIn.objects.filter(resident=leaving.resident).count() == 1


def test_a_resident_moving_out_next_week_can_be_transferred_before_that_day_only(harbor, home, leaving, today):
    with tenant_scope(harbor):
        free = next(bed for bed in beds_of(home) if bed_of(stay=leaving, on=None).bed_id != bed.pk)
        with pytest.raises(services.StayProblem, match="must come before"):
            services.transfer(stay=leaving, bed=free, on=today + timedelta(days=7))
        moved = services.transfer(stay=leaving, bed=free, on=today + timedelta(days=2))
        assert (moved.starts_on, moved.ends_on) == (today + timedelta(days=2), today + timedelta(days=7))
        assert bed_of(stay=leaving, on=None) == moved
        assert [row.bed for row in living_in(home, on=today + timedelta(days=3))] == [free]
        assert list(living_in(home, on=today + timedelta(days=7))) == []


def test_a_resident_moving_out_next_week_keeps_their_phase_and_can_move_on(harbor, home, leaving, today):
    with tenant_scope(harbor):
        assert current_step(leaving) is not None
        second = Phase.objects.get(residence=home, position=2)
        step = move_to_phase(stay=leaving, phase=second, on=today)
        assert current_step(leaving) == step and step.ended_on == today + timedelta(days=7)


def test_on_the_planned_day_the_resident_has_left_every_list(harbor, home, leaving, today):
    day = today + timedelta(days=7)
    with tenant_scope(harbor):
        assert list(living_in(home, on=day)) == []
        assert list(residents_living_in(home, on=day)) == []
        assert list(stays_living_in(home, on=day)) == []
        assert list(stays_current_on(day)) == []
        assert home_of(resident=leaving.resident, on=day) is None
        assert open_stay_of(leaving.resident, today=day) is None
        views = [view for _room, beds in bed_board(home, today=day) for view in beds]
        assert {view.status for view in views} == {BedStatus.AVAILABLE}


def test_a_move_out_more_than_a_year_ahead_is_a_form_message_and_the_plan_names_its_year(client, harbor, home, today):
    from tests.residences.builders import manager_of

    resident = add_resident(home, move_in=today - timedelta(days=30))
    with tenant_scope(harbor):
        stay = open_stay_of(resident)
    client.force_login(manager_of(home))
    url = reverse("residences:move_out", args=[stay.pk])
    refused = client.post(url, {"on": "9999-12-31", "reason": "independent_living"})
    assert "Choose a move-out date within the next year." in refused.content.decode()
    planned = today + timedelta(days=20)
    response = client.post(url, {"on": planned.isoformat(), "reason": "independent_living"}, follow=True)
    assert f"moves out on {planned:%B %-d, %Y}" in response.content.decode()


def test_a_move_out_recorded_for_today_ends_the_stay_at_once(harbor, home, today):
    resident = add_resident(home, move_in=today - timedelta(days=30))
    with tenant_scope(harbor):
        stay = open_stay_of(resident)
        services.move_out(stay=stay, on=today, reason="completed")
        assert open_stay_of(resident) is None
        assert home_of(resident=resident, on=None) is None
        with pytest.raises(checkins.CheckInProblem):
            checkins.check_in(resident=resident, answers=ANSWERS)
        with pytest.raises(services.StayProblem, match="has ended"):
            services.transfer(stay=stay, bed=beds_of(home)[2], on=today + timedelta(days=1))


# --- The structure: nobody reads stay dates their own way -----------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
APPS = ("recovery", "residences", "residents", "peer_support", "governance")
# Where "lives here on day D" is defined, and the verbs that write the dates it reads.
DEFINED_IN = {
    "residences/homes/selectors.py": "the one definition (`_running`, `stay_is_current`, `stay_not_ended`)",
    "residences/stays/selectors.py": "`open_stay_of` and the beds free for a transfer, over that definition",
    "residences/stays/services.py": "admission, transfer and move-out write the dates",
    "residences/stays/models.py": "the fields and their constraints",
    "residences/applications/selectors.py": "beds free for an admission: the beds' own ranges, not who lives where",
    "residences/ledger/services/rent.py": (
        "rent is for the days of the stay's own range (move-in to a past or planned move-out), not who lives here"
    ),
}
# A reading of a stay's dates that asks something else than who lives here, and why.
ALLOWED_LINES = {
    ("residences/imports/checks.py", "taken = BedAssignment.objects.filter(bed=bed)"): (
        "an import refuses a bed held on or after the move-in (a booking too), stricter than who lives there today; "
        "admit_resident checks again inside the import's transaction"
    ),
    ("residences/imports/selectors.py", "BedAssignment.objects.filter(stay_id__in=stay_ids)"): (
        "the beds of the stays an import created, for its result page: its own rows, not who lives there"
    ),
    ("residents/plans/selectors.py", "if stay.move_out:"): "the timeline shows the recorded move-out date",
    ("residents/phases/services.py", "ended_on=stay.move_out"): "`farewell` ends the phase on the move-out day",
    ("residents/phases/services.py", 'defaults={"on": stay.move_out}'): "a good exit is celebrated on its day",
    ("residents/reviews/services.py", "min(today, stay.move_out)"): "reviews stop at the move-out",
    ("residents/phases/services.py", "on >= stay.move_out"): "a phase change must come before a planned move-out",
    ("residents/phases/services.py", "{stay.move_out:%B %-d, %Y}"): "the message names the planned day",
    ("residents/plans/selectors.py", "TimelineEntry(stay.move_out"): "the timeline shows the recorded move-out date",
    ("residents/phases/selectors.py", 'BedAssignment.objects.filter(stay__resident=OuterRef("resident"))'): (
        "alumni who ever lived in a home: history, not who lives there"
    ),
    ("governance/outcomes/selectors.py", "BedAssignment.objects.filter(bed__room__residence_id__in=home_ids"): (
        "outcomes count nights over a period of history (every stretch overlapping it, clipped to its stay's dates, "
        "a planned move-out still a plan), not who lives here on one day"
    ),
    ("peer_support/today/today.py", "beds.filter(stay__move_in__lt=yesterday)"): (
        "of the people living here (`people_of`), those settled in before yesterday's check-in"
    ),
}
STAY_DATE_READ = re.compile(
    r"move_out__|move_in__(lte|lt|gte|gt)|\.move_out is (not )?None|bed_assignments__ends_on|"
    r"\bstay\.move_out\b|BedAssignment\.objects\.filter\("
)


def _builds_data(relative: str) -> bool:
    """The benchmark's scale operator (governance/scale and its commands) builds and counts stays; like demo.py."""
    return relative.startswith("governance/scale/") or relative.startswith("governance/management/commands/")


def _stay_date_reads():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative in DEFINED_IN or path.name == "demo.py" or _builds_data(relative):
                continue  # demo and benchmark data build stays around their dates; they answer no one's question
            for number, line in enumerate(path.read_text().splitlines(), 1):
                allowed = any(relative == where and text in line for where, text in ALLOWED_LINES)
                if STAY_DATE_READ.search(line) and not line.lstrip().startswith("#") and not allowed:
                    yield f"{relative}:{number}: {line.strip()}"


def test_no_feature_reads_stay_dates_its_own_way_to_ask_who_lives_here():
    """Every feature asks residences.homes.selectors (or `open_stay_of`) who lives here; a new direct filter on a
    stay's dates or on bed stretches fails here, with where it is, so that a planned move-out stays a plan."""
    assert list(_stay_date_reads()) == []


def test_the_structural_check_would_see_a_feature_filtering_open_stays_its_own_way(tmp_path):
    line = "Stay.objects.filter(move_out__isnull=True)  # who lives here"
    assert STAY_DATE_READ.search(line)
    assert STAY_DATE_READ.search("if stay.move_out is not None:")
