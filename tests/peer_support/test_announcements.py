"""House announcements: who may post for which home, who sees them, and delivery exactly once per person."""

import pytest
from django.urls import reverse

from peer_support.announcements import services
from peer_support.announcements.models import Announcement, AnnouncementDelivery
from recovery.models import Role
from recovery.notifications.models import Notification
from tests.recovery.builders import make_member
from tests.residences.builders import make_home, manager_of, resident_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_homes(harbor):
    maple, birch = make_home(harbor, name="Maple", beds=()), make_home(harbor, name="Birch", beds=())
    people = {
        "maple": [resident_in(harbor, maple)[0], resident_in(harbor, maple)[0]],
        "birch": [resident_in(harbor, birch)[0]],
    }
    return maple, birch, people


def test_each_current_resident_and_the_staff_are_notified_exactly_once_when_posted(harbor, in_scope, two_homes):
    maple, birch, people = two_homes
    admin = make_member(harbor, Role.ADMIN)
    manager = manager_of(maple)
    other_manager = manager_of(birch)
    with in_scope(harbor):
        announcement = services.post_announcement(residence=maple, title="Bbq Sunday", body="", by=admin)
        assert services.deliver_announcement(announcement=announcement) == 0  # a second run sends nothing
        notified = list(
            Notification.objects.filter(kind=services.NOTIFICATION_KIND).values_list("recipient", flat=True)
        )
    assert sorted(notified) == sorted([user.pk for user in people["maple"]] + [manager.pk])
    assert other_manager.pk not in notified and all(user.pk not in notified for user in people["birch"])
    with in_scope(harbor):
        assert AnnouncementDelivery.objects.count() == 3
        assert set(Notification.objects.values_list("title", flat=True)) == {"New house announcement"}


def test_an_all_homes_announcement_reaches_every_home_once(harbor, in_scope, two_homes):
    _, _, people = two_homes
    admin = make_member(harbor, Role.ADMIN)
    with in_scope(harbor):
        services.post_announcement(residence=None, title="Holiday hours", body="", by=admin)
        recipients = list(Notification.objects.values_list("recipient", flat=True))
    residents = [user.pk for users in people.values() for user in users]
    assert sorted(r for r in recipients if r in residents) == sorted(residents)
    assert len(recipients) == len(set(recipients))


def test_a_resident_sees_their_home_and_all_homes_but_not_another_home(client, harbor, in_scope, two_homes):
    maple, birch, people = two_homes
    admin = make_member(harbor, Role.ADMIN)
    with in_scope(harbor):
        mine = services.post_announcement(residence=maple, title="Maple news", body="", by=admin)
        services.post_announcement(residence=None, title="Everyone news", body="", by=admin)
        theirs = services.post_announcement(residence=birch, title="Birch news", body="", by=admin)
    client.force_login(people["maple"][0])
    page = client.get(reverse("peer_support:announcements")).content.decode()
    assert "Maple news" in page and "Everyone news" in page and "Birch news" not in page
    assert client.get(reverse("peer_support:announcement_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("peer_support:announcement_detail", args=[theirs.pk])).status_code == 403


def test_a_house_manager_may_post_only_for_their_homes(client, harbor, in_scope, two_homes):
    maple, birch, _ = two_homes
    client.force_login(manager_of(maple))
    url = reverse("peer_support:announcements")
    assert client.post(url, {"residence": birch.pk, "title": "Not mine"}).status_code == 200  # not a choice
    assert client.post(url, {"residence": "", "title": "Everyone"}).status_code == 200  # all homes: staff only
    response = client.post(url, {"residence": maple.pk, "title": "Chore swap", "body": "See the board."})
    assert response.status_code == 302
    with in_scope(harbor):
        assert list(Announcement.objects.values_list("title", flat=True)) == ["Chore swap"]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.COACH])
def test_residents_and_coaches_may_not_post(client, harbor, in_scope, two_homes, role):
    maple, _, people = two_homes
    client.force_login(people["maple"][0] if role == Role.RESIDENT else make_member(harbor, role))
    response = client.post(reverse("peer_support:announcements"), {"residence": maple.pk, "title": "Hi"})
    assert response.status_code == 403
    with in_scope(harbor):
        assert not Announcement.objects.exists()


def test_the_announcement_list_query_count_does_not_grow_with_data(client, harbor, in_scope, two_homes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    maple, _, people = two_homes
    admin = make_member(harbor, Role.ADMIN)
    client.force_login(people["maple"][0])
    url = reverse("peer_support:announcements")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with in_scope(harbor):
        services.post_announcement(residence=maple, title="One", body="", by=admin)
    count()  # the first request of a session does its own one-off work
    small = count()
    with in_scope(harbor):
        for n in range(5):
            services.post_announcement(residence=maple if n % 2 else None, title=f"More {n}", body="", by=admin)
    assert count() == small


def test_a_house_officer_posts_to_their_own_home(client, harbor, in_scope, two_homes):
    """Governance extends the permission: a resident holding an office in a home may post to that home only."""
    from governance.officers import services as election_services
    from governance.officers.models import Office
    from recovery.tenancy import organization_today
    from residents.models import Resident

    maple, birch, people = two_homes
    officer = people["maple"][0]
    client.force_login(officer)
    url = reverse("peer_support:announcements")
    assert client.post(url, {"residence": maple.pk, "title": "Before my term"}).status_code in (200, 403)
    with in_scope(harbor):
        resident = Resident.objects.get(user=officer)
        election_services.start_term(
            residence=maple, office=Office.HOUSE_LEAD, resident=resident, starts_on=organization_today(harbor)
        )
    assert client.post(url, {"residence": birch.pk, "title": "Not my house"}).status_code == 200
    assert client.post(url, {"residence": maple.pk, "title": "Meeting moved"}).status_code == 302
    with in_scope(harbor):
        assert list(Announcement.objects.values_list("residence", "title")) == [(maple.pk, "Meeting moved")]
