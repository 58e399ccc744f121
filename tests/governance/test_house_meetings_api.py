"""The house meetings API: the meetings and decisions of the homes a person looks after or lives in, a meeting as its
page shows it (the tally only once the vote has closed), another home's refused, another organization's not found."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.house_meetings.models import HouseDecision
from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from tests.api.builders import make_token, member_client, token_client
from tests.clock import house_today
from tests.governance.builders import make_meeting, make_motion
from tests.residences.builders import make_home, manager_of, resident_with_login

pytestmark = pytest.mark.django_db
URL = "/api/v1/house-meetings/"
DECISIONS = "/api/v1/house-decisions/"


def client_of(user, org):
    return token_client(make_token(user, org))


def test_a_resident_reads_their_own_homes_meetings_and_decisions_and_is_refused_another_homes(harbor):
    home, other = make_home(harbor), make_home(harbor)
    _stay, user = resident_with_login(home, move_in=house_today() - timedelta(days=5))
    ours, theirs = make_meeting(harbor, home), make_meeting(harbor, other)
    with tenant_scope(harbor):
        decision = HouseDecision.objects.create(
            residence=home, summary="Quiet hours at 10", decided_on=organization_today()
        )
        HouseDecision.objects.create(residence=other, summary="Not ours", decided_on=organization_today())
    client = client_of(user, harbor)
    assert [row["id"] for row in client.get(URL).json()["results"]] == [ours.pk]
    assert [row["id"] for row in client.get(DECISIONS).json()["results"]] == [decision.pk]
    assert client.get(f"{URL}{ours.pk}/").status_code == 200
    assert client.get(f"{URL}{theirs.pk}/").status_code == 403


def test_a_house_manager_filters_meetings_by_one_of_their_homes(harbor):
    first, second = make_home(harbor), make_home(harbor)
    manager = manager_of(first, second)
    in_first, _in_second = make_meeting(harbor, first), make_meeting(harbor, second)
    listed = client_of(manager, harbor).get(URL, {"residence": first.pk}).json()["results"]
    assert [row["id"] for row in listed] == [in_first.pk]
    assert client_of(manager, harbor).get(URL, {"residence": "abc"}).json()["results"] == []


def test_an_open_motions_tally_is_kept_until_the_vote_closes_as_on_the_meeting_page(harbor):
    motion = make_motion(harbor)
    _admin, client = member_client(harbor, Role.ADMIN)
    shown = client.get(f"{URL}{motion.meeting_id}/").json()["motions"]
    assert [(row["id"], row["tally"]) for row in shown] == [(motion.pk, None)]
    with tenant_scope(harbor):
        motion.closed_at, motion.result = timezone.now(), "passed"
        motion.eligible_count, motion.yes_count, motion.no_count = 3, 2, 1
        motion.save()
    shown = client.get(f"{URL}{motion.meeting_id}/").json()["motions"]
    assert shown[0]["tally"] == {"yes": 2, "no": 1, "abstain": 0}


def test_a_coach_reads_no_homes_meetings(harbor):
    meeting = make_meeting(harbor)
    _coach, client = member_client(harbor, Role.COACH)
    assert client.get(URL).json()["results"] == []
    assert client.get(f"{URL}{meeting.pk}/").status_code == 403


def test_another_organizations_meeting_and_decision_answer_404(harbor, cedar):
    meeting = make_meeting(harbor)
    with tenant_scope(harbor):
        decision = HouseDecision.objects.create(
            residence=meeting.residence, summary="x", decided_on=organization_today()
        )
    _admin, client = member_client(cedar, Role.ADMIN)
    assert client.get(f"{URL}{meeting.pk}/").status_code == 404
    assert client.get(f"{DECISIONS}{decision.pk}/").status_code == 404
