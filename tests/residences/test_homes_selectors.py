"""Who lives where and who runs which home: the shared selectors every feature asks (residences.homes.selectors)."""

from datetime import timedelta

import pytest

from recovery.models import Membership, Role
from recovery.services import change_membership
from recovery.tenancy import organization_today, tenant_scope
from residences.homes.selectors import (
    assigned_residence_ids,
    bed_of,
    home_of,
    home_residence_id,
    house_managers_of,
    lives_in_residence,
    living_in,
    residents_living_in,
    stays_living_in,
    visible_residences,
)
from residences.models import BedAssignment, Residence, Stay
from residences.stays import services
from residences.stays.selectors import open_stay_of
from residents.models import Resident
from tests.recovery.builders import make_member
from tests.residences.builders import admit, beds_of, make_home, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(harbor):
    return organization_today(harbor)


@pytest.fixture
def maple(harbor):
    return make_home(harbor, name="Maple House", rooms={"Room 1": ["A", "B"], "Room 2": ["A"]})


@pytest.fixture
def oak(harbor):
    return make_home(harbor, name="Oak House", rooms={"Room 1": ["A", "B"]})


def _membership(organization, user) -> Membership:
    with tenant_scope(organization):
        return Membership.objects.select_related("organization", "user").get(user=user)


def _signed_in(stay):
    """Give the stay's resident a sign-in, as an invitation would; returns the user."""
    user = make_member(stay.organization, Role.RESIDENT)
    with tenant_scope(stay.organization):
        Resident.objects.filter(pk=stay.resident_id).update(user=user)
    return user


# --- Who runs which home --------------------------------------------------------------------------------------


def test_a_house_manager_assigned_to_two_homes_runs_both_and_sees_only_those(harbor, maple, oak):
    elm = make_home(harbor, name="Elm House")
    user = manager_of(maple)
    membership = _membership(harbor, user)
    with tenant_scope(harbor):
        services.assign_house_manager(membership=membership, residence=oak)
        membership = _membership(harbor, user)
        assert assigned_residence_ids(membership) == {maple.pk, oak.pk}
        assert list(visible_residences(membership)) == [maple, oak]
        assert house_managers_of(maple) == [user] and house_managers_of(oak) == [user]
        assert house_managers_of(elm) == []


def test_house_managers_come_first_assigned_first_and_in_one_query(harbor, maple, django_assert_num_queries):
    first, second = manager_of(maple), manager_of(maple)
    with tenant_scope(harbor), django_assert_num_queries(1):
        assert house_managers_of(maple) == [first, second]
    with tenant_scope(harbor), django_assert_num_queries(1):
        assert house_managers_of(maple.pk) == [first, second]
    with django_assert_num_queries(0):
        assert house_managers_of(None) == []


def test_a_manager_who_left_or_changed_role_no_longer_runs_the_home_unless_any_role_is_asked(harbor, maple):
    gone, moved_on, staying = manager_of(maple), manager_of(maple), manager_of(maple)
    with tenant_scope(harbor):
        change_membership(membership=_membership(harbor, gone), role=Role.HOUSE_MANAGER, is_active=False)
        change_membership(membership=_membership(harbor, moved_on), role=Role.STAFF, is_active=True)
        assert house_managers_of(maple) == [staying]
        assert house_managers_of(maple, any_role=True) == [moved_on, staying]


def test_can_sign_in_leaves_out_a_manager_whose_account_is_switched_off(harbor, maple):
    switched_off, working = manager_of(maple), manager_of(maple)
    switched_off.is_active = False
    switched_off.save()
    with tenant_scope(harbor):
        assert house_managers_of(maple) == [switched_off, working]
        assert house_managers_of(maple, can_sign_in=True) == [working]


@pytest.mark.parametrize("role", [Role.ADMIN, Role.STAFF])
def test_admins_and_staff_look_after_every_home(harbor, maple, oak, role):
    membership = _membership(harbor, make_member(harbor, role))
    with tenant_scope(harbor):
        assert list(visible_residences(membership)) == [maple, oak]


def test_a_coach_looks_after_no_home_and_a_resident_sees_their_own_only_when_asked(harbor, maple, oak, today):
    stay = admit(oak, move_in=today - timedelta(days=30))
    resident = _membership(harbor, _signed_in(stay))
    coach = _membership(harbor, make_member(harbor, Role.COACH))
    with tenant_scope(harbor):
        assert list(visible_residences(coach)) == [] and list(visible_residences(coach, own_home=True)) == []
        assert list(visible_residences(resident)) == []
        assert list(visible_residences(resident, own_home=True)) == [oak]


def test_a_resident_who_lives_nowhere_today_sees_no_home_of_their_own(harbor, maple, today):
    stay = admit(maple, move_in=today + timedelta(days=3))  # admitted, moving in later
    resident = _membership(harbor, _signed_in(stay))
    with tenant_scope(harbor):
        assert list(visible_residences(resident, own_home=True)) == []


def test_a_managers_homes_are_looked_up_once_per_membership(harbor, maple, django_assert_num_queries):
    membership = _membership(harbor, manager_of(maple))
    with tenant_scope(harbor):
        with django_assert_num_queries(1):
            assert assigned_residence_ids(membership) == {maple.pk}
        with django_assert_num_queries(1):  # the homes themselves; the assignments are cached
            assert list(visible_residences(membership)) == [maple]


# --- Who lives in a home on a day -----------------------------------------------------------------------------


def test_a_transfer_on_a_given_day_moves_the_person_to_the_new_home_that_day(harbor, maple, oak, today):
    start = today - timedelta(days=30)
    transfer_day = today - timedelta(days=10)
    stay = admit(maple, move_in=start)
    with tenant_scope(harbor):
        services.transfer(stay=stay, bed=beds_of(oak)[0], on=transfer_day)
        day_before = transfer_day - timedelta(days=1)
        assert [bed.stay for bed in living_in(maple, on=day_before)] == [stay]
        assert list(living_in(oak, on=day_before)) == []
        assert list(living_in(maple, on=transfer_day)) == []
        assert [bed.stay for bed in living_in(oak, on=transfer_day)] == [stay]
        assert home_of(resident=stay.resident, on=day_before) == maple
        assert home_of(resident=stay.resident, on=transfer_day) == oak


def test_a_transfer_recorded_for_a_later_day_counts_only_from_that_day_except_for_the_open_ended_bed(
    harbor, maple, oak, today
):
    stay = admit(maple, move_in=today - timedelta(days=30))
    with tenant_scope(harbor):
        services.transfer(stay=stay, bed=beds_of(oak)[0], on=today + timedelta(days=5))
        assert home_of(resident=stay.resident, on=today) == maple
        assert home_of(resident=stay.resident, on=None) == oak  # the bed they are about to move into
        assert home_of(resident=stay.resident, on=None, latest=True) == oak
        assert [bed.stay for bed in living_in(maple, on=today)] == [stay]
        assert [bed.stay for bed in living_in(oak, on=None)] == [stay]
        assert list(living_in(maple, on=None)) == []


def test_a_stay_that_moved_out_lives_nowhere_but_keeps_the_home_of_its_last_bed(harbor, maple, today):
    stay = admit(maple, move_in=today - timedelta(days=30))
    with tenant_scope(harbor):
        services.move_out(stay=stay, on=today - timedelta(days=2), reason="completed")
        assert list(living_in(maple, on=today)) == [] and list(living_in(maple, on=None)) == []
        # On a day before the move-out they lived here: "lives here on day D" reads day D, past days too.
        assert [bed.stay for bed in living_in(maple, on=today - timedelta(days=3))] == [stay]
        assert list(residents_living_in(maple, on=today)) == []
        assert home_of(resident=stay.resident, on=today) is None
        assert home_of(resident=stay.resident, on=None) is None
        assert home_of(resident=stay.resident, on=None, latest=True) == maple
        assert home_of(stay=stay, on=None, latest=True) == maple
        assert bed_of(stay=stay, on=None) is None
        assert open_stay_of(stay.resident) is None


def test_a_move_out_set_for_a_later_day_is_a_plan_until_that_day(harbor, maple, today):
    stay = admit(maple, move_in=today - timedelta(days=30))
    with tenant_scope(harbor):
        services.move_out(stay=stay, on=today + timedelta(days=4), reason="independent_living")
        assert [bed.stay for bed in living_in(maple, on=today)] == [stay]
        assert [bed.stay for bed in living_in(maple, on=None)] == [stay]
        assert list(residents_living_in(maple, on=today)) == [stay.resident]
        assert list(residents_living_in(maple, on=today + timedelta(days=3))) == [stay.resident]
        assert list(living_in(maple, on=today + timedelta(days=4))) == []
        assert home_of(resident=stay.resident, on=None) == maple
        assert open_stay_of(stay.resident) == stay


def test_living_in_names_a_home_by_object_id_or_several_and_every_home_only_when_asked(
    harbor, maple, oak, today, django_assert_num_queries
):
    day = today - timedelta(days=10)
    in_maple = admit(maple, beds_of(maple)[2], move_in=day, first_name="Ana")  # Room 2 · A
    also_maple = admit(maple, beds_of(maple)[0], move_in=day, first_name="Ben")  # Room 1 · A
    in_oak = admit(oak, move_in=day, first_name="Cy")
    with tenant_scope(harbor):
        assert [bed.stay for bed in living_in(maple, on=today)] == [also_maple, in_maple]  # room, then bed
        assert [bed.stay for bed in living_in(maple.pk, on=today)] == [also_maple, in_maple]
        assert [bed.stay for bed in living_in([maple, oak.pk], on=today)] == [also_maple, in_maple, in_oak]
        assert [bed.stay for bed in living_in(Residence.objects.all(), on=today)] == [also_maple, in_maple, in_oak]
        assert [bed.stay for bed in living_in(every_home=True, on=today)] == [also_maple, in_maple, in_oak]
        with django_assert_num_queries(0):
            assert list(living_in(None, on=today)) == []
        with pytest.raises(ValueError):
            living_in(maple, on=today, every_home=True)


def test_who_lives_in_a_home_is_one_query_whatever_the_shape_and_none_when_nested(
    harbor, maple, today, django_assert_num_queries
):
    stays = [
        admit(maple, bed, move_in=today - timedelta(days=5), first_name=f"P{n}") for n, bed in enumerate(beds_of(maple))
    ]
    with tenant_scope(harbor):
        with django_assert_num_queries(1):
            rows = list(living_in(maple, on=today))
            assert [row.bed.room.residence for row in rows] == [maple] * 3  # joined: no query per row
            assert {row.stay.resident.first_name for row in rows} == {"P0", "P1", "P2"}
        with django_assert_num_queries(1):
            assert set(residents_living_in(maple, on=today)) == {stay.resident for stay in stays}
        with django_assert_num_queries(1):
            assert list(stays_living_in(maple, on=today)) == sorted(stays, key=lambda stay: stay.pk)
        with django_assert_num_queries(1):
            assert Stay.objects.filter(resident__in=residents_living_in(maple, on=today)).count() == 3


# --- Where one person lives -------------------------------------------------------------------------------------


def test_bed_of_finds_the_person_by_sign_in_resident_or_stay_in_one_query(
    harbor, maple, today, django_assert_num_queries
):
    stay = admit(maple, move_in=today - timedelta(days=3))
    user = _signed_in(stay)
    with tenant_scope(harbor):
        for person in ({"user": user}, {"resident": stay.resident}, {"stay": stay}):
            with django_assert_num_queries(1):
                bed = bed_of(on=today, **person)
                assert (bed.stay, bed.bed.room.residence) == (stay, maple)
        with pytest.raises(TypeError):
            bed_of(on=today)
        with pytest.raises(TypeError):
            bed_of(user=user, resident=stay.resident, on=today)
        with pytest.raises(TypeError):
            bed_of(stay=stay, on=today, latest=True)


def test_the_day_before_moving_in_a_resident_lives_nowhere_yet_but_has_an_open_ended_bed(harbor, maple, today):
    stay = admit(maple, move_in=today + timedelta(days=2))
    with tenant_scope(harbor):
        assert home_of(resident=stay.resident, on=today) is None
        assert home_of(resident=stay.resident, on=today + timedelta(days=2)) == maple
        assert home_of(resident=stay.resident, on=None) == maple
        assert open_stay_of(stay.resident) == stay


def test_a_readmitted_resident_lives_where_their_open_stay_is_and_latest_is_the_newest_bed(harbor, maple, oak, today):
    first = admit(maple, move_in=today - timedelta(days=60))
    with tenant_scope(harbor):
        services.move_out(stay=first, on=today - timedelta(days=40), reason="left_voluntarily")
        again = Stay.objects.create(resident=first.resident, move_in=today - timedelta(days=10))
        BedAssignment.objects.create(stay=again, bed=beds_of(oak)[0], starts_on=today - timedelta(days=10))
        assert home_of(resident=first.resident, on=today) == oak
        # On day D they lived where the stay current on D put them, though that stay has ended since.
        assert home_of(resident=first.resident, on=today - timedelta(days=50)) == maple
        assert home_of(stay=first, on=today - timedelta(days=50)) == maple  # a stay named counts even if ended
        assert home_of(resident=first.resident, on=None, latest=True) == oak
        assert home_of(stay=first, on=None, latest=True) == maple


def test_a_residents_home_today_is_looked_up_once_per_membership(harbor, maple, oak, today, django_assert_num_queries):
    stay = admit(maple, move_in=today - timedelta(days=3))
    user = _signed_in(stay)
    membership = _membership(harbor, user)
    user.hearth_membership = membership
    with tenant_scope(harbor):
        with django_assert_num_queries(1):
            assert home_residence_id(membership) == maple.pk
            assert home_residence_id(membership) == maple.pk
        with django_assert_num_queries(0):
            assert lives_in_residence(user, maple) is True
            assert lives_in_residence(user, oak) is False
