"""Give and receive: residents log help between them, the other party confirms, staff see the totals."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peer_support.give_and_receive import services
from peer_support.give_and_receive.models import HelpExchange
from recovery.errors import DomainError
from recovery.models import Role
from tests.clock import house_today
from tests.recovery.builders import make_member
from tests.residences.builders import make_home, manager_of, resident_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def house(harbor):
    home = make_home(harbor, name="Maple", beds=())
    ana_user, ana = resident_in(harbor, home, first_name="Ana")
    ben_user, ben = resident_in(harbor, home, first_name="Ben")
    return home, ana_user, ana, ben_user, ben


def test_a_resident_logs_help_they_gave_from_the_page(client, harbor, in_scope, house):
    _, ana_user, ana, _, ben = house
    client.force_login(ana_user)
    response = client.post(
        reverse("peer_support:give_and_receive"),
        {
            "direction": "gave",
            "other": ben.pk,
            "kind": "ride",
            "on": house_today().isoformat(),
            "note": "To work",
        },
    )
    assert response.status_code == 302
    with in_scope(harbor):
        entry = HelpExchange.objects.get()
    assert (entry.giver_id, entry.receiver_id) == (ana.pk, ben.pk)
    assert (entry.logged_by_id, entry.confirmed_at) == (ana_user.pk, None)


def test_only_the_other_party_confirms_when_help_is_logged(client, harbor, in_scope, house):
    _, ana_user, ana, ben_user, ben = house
    outsider_user, _ = resident_in(harbor, house[0], first_name="Cal")
    with in_scope(harbor):
        entry = services.log_help(me=ana, other=ben, i_gave=False, kind="meal", on=house_today(), by=ana_user)
    url = reverse("peer_support:give_and_receive_confirm", args=[entry.pk])
    for user in (ana_user, outsider_user, make_member(harbor, Role.ADMIN)):
        client.force_login(user)
        assert client.post(url).status_code == 403
    client.force_login(ben_user)
    assert client.post(url).status_code == 302
    with in_scope(harbor):
        entry.refresh_from_db()
    assert entry.confirmed_at is not None
    assert client.post(url).status_code == 403  # confirmed once; nothing more to confirm


def test_logging_help_with_yourself_is_refused_by_the_service_and_the_database(harbor, in_scope, house):
    _, ana_user, ana, _, _ = house
    with in_scope(harbor):
        with pytest.raises(DomainError):
            services.log_help(me=ana, other=ana, i_gave=True, kind="talk", on=house_today(), by=ana_user)
        with pytest.raises(IntegrityError):
            HelpExchange.objects.create(giver=ana, receiver=ana, kind="talk", on=house_today())


def test_a_resident_sees_only_their_own_log(client, harbor, in_scope, house):
    home, ana_user, _ana, _, ben = house
    _, cal = resident_in(harbor, home, first_name="Cal")
    with in_scope(harbor):
        services.log_help(me=ben, other=cal, i_gave=True, kind="talk", on=house_today(), note="zz-private", by=None)
    client.force_login(ana_user)
    assert "zz-private" not in client.get(reverse("peer_support:give_and_receive")).content.decode()


def test_a_house_manager_sees_counts_for_their_homes_over_the_last_30_days(client, harbor, in_scope, house):
    home, _, ana, _, ben = house
    other_home = make_home(harbor, name="Birch", beds=())
    _, dee = resident_in(harbor, other_home, first_name="Dee", last_name="Zed-other-home")
    today = house_today()
    with in_scope(harbor):
        for days_ago in (0, 3, 40):
            HelpExchange.objects.create(giver=ana, receiver=ben, kind="ride", on=today - timedelta(days=days_ago))
        HelpExchange.objects.create(giver=ben, receiver=dee, kind="talk", on=today)
    client.force_login(manager_of(home))
    response = client.get(reverse("peer_support:give_and_receive_totals"))
    homes = response.context["totals"]["homes"]
    assert [h["home"].name for h in homes] == ["Maple"]
    rows = {row["pk"]: (row["given"], row["received"]) for row in homes[0]["residents"]}
    assert rows[ana.pk] == (2, 0) and rows[ben.pk] == (1, 2)
    assert (homes[0]["given"], homes[0]["received"]) == (3, 2)
    assert "Zed-other-home" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.COACH])
def test_residents_and_coaches_do_not_see_the_totals(client, harbor, role):
    client.force_login(make_member(harbor, role))
    assert client.get(reverse("peer_support:give_and_receive_totals")).status_code == 403


def test_the_totals_page_query_count_does_not_grow_with_data(client, harbor, in_scope, house):
    home, _, ana, _, ben = house
    client.force_login(make_member(harbor, Role.ADMIN))
    url = reverse("peer_support:give_and_receive_totals")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()
    small = count()
    second = make_home(harbor, beds=())
    for n in range(3):
        resident_in(harbor, home, first_name=f"More{n}")
        resident_in(harbor, second, first_name=f"Other{n}")
    with in_scope(harbor):
        for _ in range(4):
            HelpExchange.objects.create(giver=ana, receiver=ben, kind="meal", on=house_today())
    assert count() == small


def test_the_resident_log_query_count_does_not_grow_with_data(client, harbor, in_scope, house):
    _home, ana_user, ana, _, ben = house
    client.force_login(ana_user)
    url = reverse("peer_support:give_and_receive")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()
    small = count()
    with in_scope(harbor):
        for n in range(4):
            HelpExchange.objects.create(
                giver=ana, receiver=ben, kind="meal", on=house_today(), logged_by=ana_user if n % 2 else None
            )
    assert count() == small


def test_the_old_address_answers_with_a_permanent_redirect_when_someone_kept_a_bookmark(client):
    response = client.get("/peer-support/help/")
    assert response.status_code == 301
    assert response["Location"] == "/peer-support/give-and-receive/"


def test_the_old_totals_address_answers_with_a_permanent_redirect(client):
    response = client.get("/peer-support/help/totals/")
    assert response.status_code == 301
    assert response["Location"] == "/peer-support/give-and-receive/totals/"
