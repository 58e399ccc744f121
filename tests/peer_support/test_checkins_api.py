"""The check-ins API, a resident's own: today's sent as the Today page sends it (once a day, again changes it, the
window's refusal as a problem), only their own listed, nobody else's reached, another organization's not found."""

from datetime import time

import pytest

from peer_support.checkins.models import CheckIn, TalkRequest
from recovery.models import Role
from recovery.tenancy import tenant_scope
from tests.api.builders import make_token, member_client, token_client
from tests.peer_support.builders import add_resident, make_check_in, make_peer_home
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db
URL = "/api/v1/check-ins/"
ANSWERS = {"feeling": 4, "craving": 1, "goal_today": "Call my sponsor", "share_with_mentor": False}


def resident_client(org, home, **names):
    user = make_member(org, Role.RESIDENT)
    resident = add_resident(home, user=user, **names)
    return resident, token_client(make_token(user, org))


def test_todays_check_in_is_recorded_and_sending_it_again_changes_it_as_on_the_today_page(harbor):
    resident, client = resident_client(harbor, make_peer_home(harbor))
    first = client.post(URL, ANSWERS, format="json")
    assert first.status_code == 201, first.content
    again = client.post(URL, {**ANSWERS, "feeling": 2}, format="json")
    assert (again.status_code, again.json()["id"], again.json()["feeling"]) == (200, first.json()["id"], 2)
    with tenant_scope(harbor):
        check_in = CheckIn.objects.get(resident=resident)
    assert (check_in.feeling, check_in.goal_today, check_in.share_with_mentor) == (2, "Call my sponsor", False)


def test_i_need_to_talk_in_a_check_in_is_asked_as_on_the_today_page(harbor):
    resident, client = resident_client(harbor, make_peer_home(harbor))
    assert client.post(URL, {**ANSWERS, "needs_to_talk": True}, format="json").status_code == 201
    with tenant_scope(harbor):
        assert TalkRequest.objects.filter(resident=resident, answered_at__isnull=True).exists()


def test_a_check_in_before_the_window_opens_is_refused_with_the_services_sentence(harbor):
    home = make_peer_home(harbor, opens=time(23, 59, 58), closes=time(23, 59, 59))
    _resident, client = resident_client(harbor, home)
    answer = client.post(URL, ANSWERS, format="json")
    assert answer.status_code == 422
    assert "check-in opens at" in answer.json()["detail"]


def test_answers_out_of_range_are_refused_as_a_problem_naming_the_field(harbor):
    _resident, client = resident_client(harbor, make_peer_home(harbor))
    answer = client.post(URL, {**ANSWERS, "feeling": 9, "craving": -1}, format="json")
    assert answer.status_code == 400
    assert {"feeling", "craving"} <= set(answer.json()["errors"])


def test_a_resident_lists_and_reads_only_their_own_check_ins(harbor):
    home = make_peer_home(harbor)
    resident, client = resident_client(harbor, home)
    housemate = add_resident(home, first_name="Kim")
    mine, theirs = make_check_in(resident), make_check_in(housemate)
    assert [row["id"] for row in client.get(URL).json()["results"]] == [mine.pk]
    assert client.get(f"{URL}{theirs.pk}/").status_code == 403


@pytest.mark.parametrize("role", [Role.ADMIN, Role.HOUSE_MANAGER, Role.COACH])
def test_people_who_are_not_residents_do_not_check_in_here(harbor, role):
    _user, client = member_client(harbor, role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, ANSWERS, format="json").status_code == 403


def test_another_organizations_check_in_answers_404(harbor, cedar):
    check_in = make_check_in(add_resident(make_peer_home(harbor)))
    _resident, client = resident_client(cedar, make_peer_home(cedar))
    assert client.get(f"{URL}{check_in.pk}/").status_code == 404
