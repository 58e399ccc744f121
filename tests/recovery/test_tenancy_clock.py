"""The clock's wall-time arithmetic (recovery.tenancy): the next occurrence of a wall time such as a curfew is
always ahead and within a day, on ordinary days and on both daylight-saving days (issue 15, item 5); a home's
clock is its own time zone, else its organization's (item 6). No database: these are pure functions."""

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from recovery.tenancy import at_wall_time, home_now, home_time_zone, home_today, next_occurrence

NEW_YORK = ZoneInfo("America/New_York")
DENVER = ZoneInfo("America/Denver")
SPRING_FORWARD = date(2026, 3, 8)  # 02:00 EST -> 03:00 EDT
FALL_BACK = date(2026, 11, 1)  # 02:00 EDT -> 01:00 EST
CURFEWS = (time(22, 0), time(0, 0), time(1, 0), time(1, 30), time(2, 30))


def _every_hour_of(day: date):
    """Each hour (and half hour) of the local day, as real instants: stepping in UTC covers the repeated autumn
    hour twice and skips the spring gap, as a clock on the wall does."""
    start = datetime.combine(day, time(0), tzinfo=NEW_YORK).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=NEW_YORK).astimezone(UTC)
    moment = start
    while moment < end:
        yield moment
        moment += timedelta(minutes=30)


@pytest.mark.parametrize("curfew", CURFEWS, ids=str)
@pytest.mark.parametrize("day", [date(2026, 6, 15), SPRING_FORWARD, FALL_BACK, FALL_BACK - timedelta(days=1)], ids=str)
def test_the_next_curfew_is_after_the_sign_out_and_within_a_day_at_every_hour(day, curfew):
    for out in _every_hour_of(day):
        due = next_occurrence(curfew, after=out, time_zone=NEW_YORK)
        assert due > out, (out, due)
        assert due - out <= timedelta(hours=25 if day in (FALL_BACK, FALL_BACK - timedelta(days=1)) else 24)
        wall = due.astimezone(NEW_YORK)
        # On the wall it reads the curfew, except a curfew in the skipped spring hour, an hour later.
        assert wall.time() == curfew or (wall.date() == SPRING_FORWARD and wall.time() == time(3, 30)), wall


def test_a_midnight_curfew_seen_in_the_morning_is_tonights():
    out = datetime(2026, 6, 15, 9, 0, tzinfo=NEW_YORK)
    assert next_occurrence(time(0, 0), after=out, time_zone=NEW_YORK) == datetime(2026, 6, 16, 0, 0, tzinfo=NEW_YORK)
    assert next_occurrence(time(1, 0), after=out, time_zone=NEW_YORK) == datetime(2026, 6, 16, 1, 0, tzinfo=NEW_YORK)
    assert next_occurrence(time(22, 0), after=out, time_zone=NEW_YORK) == datetime(2026, 6, 15, 22, tzinfo=NEW_YORK)


def test_a_skipped_wall_time_moves_forward_and_a_repeated_one_is_its_first_occurrence():
    skipped = at_wall_time(SPRING_FORWARD, time(2, 30), NEW_YORK)
    assert skipped.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT
    repeated = at_wall_time(FALL_BACK, time(1, 30), NEW_YORK)
    assert repeated.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, the first one


def test_a_home_keeps_its_own_time_zone_and_else_its_organizations():
    new_york = SimpleNamespace(pk=1, time_zone=NEW_YORK)
    denver_home = SimpleNamespace(time_zone=DENVER, organization=new_york, organization_id=1)
    plain_home = SimpleNamespace(time_zone=None, organization=new_york, organization_id=1)
    assert home_time_zone(denver_home) == DENVER
    assert home_time_zone(plain_home) == NEW_YORK
    late = datetime(2026, 6, 16, 3, 30, tzinfo=UTC)  # 23:30 in New York, 21:30 in Denver, the day before
    assert home_now(denver_home, at=late).hour == 21
    assert home_today(plain_home, at=datetime(2026, 6, 16, 5, 30, tzinfo=UTC)) == date(2026, 6, 16)
    assert home_today(denver_home, at=datetime(2026, 6, 16, 5, 30, tzinfo=UTC)) == date(2026, 6, 15)


hypothesis = pytest.importorskip("hypothesis")
strategies = hypothesis.strategies


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    out=strategies.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31), timezones=strategies.just(UTC)),
    curfew=strategies.times(),
    zone=strategies.sampled_from([NEW_YORK, DENVER, ZoneInfo("Europe/London"), ZoneInfo("Australia/Lord_Howe")]),
)
def test_the_next_occurrence_is_always_ahead_and_never_more_than_a_day_and_an_hour_away(out, curfew, zone):
    due = next_occurrence(curfew, after=out, time_zone=zone)
    assert out < due <= out + timedelta(hours=25)
