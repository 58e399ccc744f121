"""Residences and beds in the API: live availability by the bed board's rule, the pages' visibility per role, and
a bed's service changed through the page's form, guarded by If-Match."""

from datetime import timedelta

import pytest

from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from tests.api.builders import member_client, token_client
from tests.residences.builders import admit, beds_of, make_home, manager_of

pytestmark = pytest.mark.django_db


def test_a_homes_free_beds_are_listed_by_status(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    home = make_home(harbor, beds=("A", "B", "C"))
    with tenant_scope(harbor):
        today = organization_today()
    admit(home, beds_of(home)[0], move_in=today - timedelta(days=3))
    admit(home, beds_of(home)[1], move_in=today + timedelta(days=5), first_name="Kim")
    response = client.get(f"/api/v1/beds/?residence={home.pk}&status=available")
    assert response.status_code == 200
    assert [bed["label"] for bed in response.json()["results"]] == ["C"]
    statuses = {
        bed["label"]: bed["status"] for bed in client.get(f"/api/v1/beds/?residence={home.pk}").json()["results"]
    }
    assert statuses == {"A": "occupied", "B": "reserved", "C": "available"}
    residence = client.get(f"/api/v1/residences/{home.pk}/").json()
    assert (residence["beds_in_service"], residence["beds_occupied"], residence["beds_available"]) == (3, 1, 1)


def test_a_house_manager_sees_only_the_homes_they_look_after(harbor):
    mine, other = make_home(harbor), make_home(harbor)
    from tests.api.builders import make_token

    client = token_client(make_token(manager_of(mine), harbor))
    assert [row["id"] for row in client.get("/api/v1/residences/").json()["results"]] == [mine.pk]
    # Lists and lookups come from the same selector that knows who asks: another home is not theirs to find.
    assert client.get(f"/api/v1/residences/{other.pk}/").status_code == 404
    assert {bed["residence"] for bed in client.get("/api/v1/beds/").json()["results"]} == {mine.pk}


def test_a_resident_may_not_list_homes(harbor):
    make_home(harbor)
    _user, client = member_client(harbor, Role.RESIDENT)
    assert client.get("/api/v1/residences/").status_code == 403


def test_a_bed_goes_out_of_service_only_with_the_etag_it_was_read_with(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    bed = beds_of(make_home(harbor))[0]
    url = f"/api/v1/beds/{bed.pk}/"
    etag = client.get(url)["ETag"]
    change = {"in_service": False, "out_of_service_reason": "broken frame"}
    assert client.patch(url, change, format="json").status_code == 428
    assert client.patch(url, change, format="json", HTTP_IF_MATCH='"stale"').status_code == 412
    response = client.patch(url, change, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "out_of_service"
    assert response["ETag"] != etag
    assert client.patch(url, {"in_service": True}, format="json", HTTP_IF_MATCH=etag).status_code == 412


def test_a_bed_out_of_service_needs_a_reason_as_on_the_page(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    bed = beds_of(make_home(harbor))[0]
    response = client.patch(f"/api/v1/beds/{bed.pk}/", {"in_service": False}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "out_of_service_reason" in response.json()["errors"]
