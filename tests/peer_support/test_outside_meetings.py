"""Outside meetings: a resident logs only their own attendance, sees this week against their phase's requirement,
and staff who look after them mark entries verified."""

from datetime import timedelta

import pytest
from django.urls import reverse

from peer_support.checkins.services import organization_today
from peer_support.outside_meetings import services
from peer_support.outside_meetings.forms import OutsideMeetingForm
from peer_support.outside_meetings.models import OutsideMeeting
from recovery.models import Role
from recovery.tenancy import tenant_scope
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import make_member
from tests.residences.builders import manager_of

pytestmark = pytest.mark.django_db


def _today(org):
    with tenant_scope(org):
        return organization_today()


def test_the_week_counts_meetings_since_monday_against_the_phase_requirement(harbor):
    home = make_peer_home(harbor)
    resident = add_resident(home, phase_position=2)  # Phase 1: four meetings a week
    today = _today(harbor)
    monday, _sunday = services.week_of(today)
    with tenant_scope(harbor):
        services.log_meeting(resident=resident, attended_on=monday, name="Early Risers", kind="12_step", today=today)
        services.log_meeting(
            resident=resident, attended_on=monday - timedelta(days=1), name="Last week", kind="smart", today=today
        )
        progress = services.week_progress(resident, today=today)
    assert (progress.attended, progress.required, progress.phase_name) == (1, 4, "Phase 1")
    assert progress.to_go == 3 and not progress.met


def test_a_meeting_still_to_come_is_refused(harbor):
    resident = add_resident(make_peer_home(harbor))
    today = _today(harbor)
    with tenant_scope(harbor), pytest.raises(services.MeetingProblem, match="still to come"):
        services.log_meeting(
            resident=resident, attended_on=today + timedelta(days=1), name="X", kind="other", today=today
        )


def test_only_the_residents_own_attendance_is_recorded():
    fields = {f.name for f in OutsideMeeting._meta.get_fields()}
    assert not fields & {"photo", "attendees", "other_attendees", "image"}
    assert "no photos and no names of anyone else" in OutsideMeetingForm().fields["place"].help_text
    assert "no photos" in OutsideMeeting.__doc__


def test_a_resident_logs_a_meeting_and_sees_their_progress(client, harbor):
    user = make_member(harbor, Role.RESIDENT)
    add_resident(make_peer_home(harbor), user=user, phase_position=4)  # Senior resident: two a week
    client.force_login(user)
    today = _today(harbor)
    response = client.post(
        reverse("peer_support:my_outside_meetings"),
        {"attended_on": today.isoformat(), "name": "Tuesday Big Book", "kind": "12_step", "place": "St. Mark's"},
    )
    assert response.status_code == 302
    page = client.get(reverse("peer_support:my_outside_meetings")).content.decode()
    assert "Tuesday Big Book" in page and "This week: 1 of 2" in page
    assert "1 of 2" in client.get(reverse("peer_support:today")).content.decode()


def test_staff_who_look_after_the_resident_verify_and_others_may_not(client, harbor):
    home = make_peer_home(harbor)
    resident_user = make_member(harbor, Role.RESIDENT)
    resident = add_resident(home, user=resident_user)
    with tenant_scope(harbor):
        meeting = OutsideMeeting.objects.create(resident=resident, attended_on=_today(harbor), name="SMART")
    url = reverse("peer_support:outside_meeting_verify", args=[meeting.pk])
    client.force_login(resident_user)
    assert client.post(url).status_code == 403
    client.force_login(manager_of(make_peer_home(harbor)))
    assert client.post(url).status_code == 403
    manager = manager_of(home)
    client.force_login(manager)
    assert client.post(url).status_code == 302
    with tenant_scope(harbor):
        meeting.refresh_from_db()
        assert meeting.verified_by == manager and meeting.verified_at is not None
    assert (
        "verified" in client.get(reverse("peer_support:resident_outside_meetings", args=[resident.pk])).content.decode()
    )


def test_the_old_address_answers_with_a_permanent_redirect_when_someone_kept_a_bookmark(client):
    response = client.get("/peer-support/meetings/")
    assert response.status_code == 301
    assert response["Location"] == "/peer-support/outside-meetings/"
