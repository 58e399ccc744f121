"""The chore rotation through random move-ins and move-outs (issue 14, item 6, "proof that generalizes").

Each example turns a season of weeks in a home whose residents come and go at random, against Hearth's own
services, then checks the rule on what was assigned: nobody has the same chore two weeks running when a swap
with someone else working that week would have avoided it, and residents who lived there the whole season have
chore counts within one of each other. Each example runs in a savepoint rolled back at its end.
"""

from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.db import transaction

from governance.chores import services as chore_services
from governance.chores.models import ChoreAssignment
from recovery.tenancy import tenant_scope
from residences.stays.services import move_out
from tests.residences.builders import admit, make_home

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 1, 5)
CHORES = ["Bathroom", "Dishes", "Floors", "Trash", "Yard"]
FIRST = 5  # residents before the season starts; each example uses the first few

# Each week: who leaves (indexes of everyone who ever lived there) and how many move in, before the turn.
WEEK = st.tuples(st.lists(st.integers(0, FIRST + 3), max_size=1), st.integers(0, 1))


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", beds=tuple("ABCDEFGHIJKL"))


@pytest.fixture
def first_stays(harbor, home):
    stays = [admit(home, first_name=f"R{n}", last_name="Test", move_in=date(2020, 1, 1)) for n in range(FIRST)]
    with tenant_scope(harbor):
        chores = [chore_services.add_chore(residence=home, name=name, frequency="weekly") for name in CHORES]
    return stays, chores


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(residents=st.integers(1, FIRST), chores=st.integers(1, len(CHORES)), season=st.lists(WEEK, max_size=10))
def test_the_rotation_is_fair_and_moves_on_whatever_joins_and_departures_happen(
    harbor, home, first_stays, residents, chores, season
):
    all_stays, all_chores = first_stays
    with tenant_scope(harbor), transaction.atomic():
        for stay in all_stays[residents:]:  # fewer residents this time
            move_out(stay=stay, on=date(2020, 1, 1), reason="completed")
        for chore in all_chores[chores:]:
            chore.active = False
            chore.save()
        stays, living = list(all_stays[:residents]), set(range(residents))
        weeks = []
        for number, (leaving, joining) in enumerate(season):
            day = MONDAY + timedelta(weeks=number)
            for who in leaving:
                if who in living and len(living) > 1:
                    move_out(stay=stays[who], on=day, reason="completed")
                    living.discard(who)
            for _ in range(joining):
                if len(stays) < FIRST + 4:
                    stays.append(admit(home, first_name=f"R{len(stays)}", last_name="Test", move_in=day))
                    living.add(len(stays) - 1)
            weeks.append(chore_services.turn_week(residence=home, today=day))

        held = []  # per week: [(resident id, chore id)]
        for week in weeks:
            held.append(list(ChoreAssignment.objects.filter(week=week).values_list("resident_id", "chore_id")))
        for pairs in held:
            assert len(pairs) == chores
        for before, after in pairwise(held):
            had = defaultdict(set)
            for resident, chore in before:
                had[resident].add(chore)
            for resident, chore in after:
                if chore not in had[resident]:
                    continue
                # Kept last week's chore: no one else working this week could have swapped without a repeat.
                swaps = [
                    (other, theirs)
                    for other, theirs in after
                    if other != resident and theirs not in had[resident] and chore not in had[other]
                ]
                assert not swaps, (resident, chore, before, after)

        throughout = {stays[who].resident_id for who in living if who < residents}
        counts = Counter(resident for pairs in held for resident, _ in pairs if resident in throughout)
        if throughout and held:
            got = [counts[resident] for resident in throughout]
            assert max(got) - min(got) <= 1, (got, held)
        transaction.set_rollback(True)
