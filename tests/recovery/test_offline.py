"""The phone's app: a manifest named for the organization, a service worker served from the root that may keep only
the shell and a resident's safety and self-care plans, an offline page naming nobody, and a sign-out that clears
what the phone kept."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from recovery.models import Role
from recovery.offline.views import personal_pages
from tests.recovery.builders import make_member
from tests.residences.builders import resident_in

pytestmark = pytest.mark.django_db


def test_the_manifest_carries_the_organizations_name_and_icons_when_signed_in(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == harbor.name
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


def test_every_icon_in_the_manifest_exists(client, settings):
    manifest = json.loads(client.get(reverse("manifest")).content)
    assert manifest["name"] == "Hearth"
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL)), icon["src"]


def test_the_service_worker_is_served_from_the_root_as_javascript(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"


def test_the_service_worker_may_keep_only_the_residents_safety_and_self_care_plans(client):
    body = client.get("/sw.js").content.decode()
    config = json.loads(body.split("self.HEARTH_OFFLINE = ", 1)[1].split(";\n", 1)[0])
    assert config["personal"] == [reverse("residents:my_safety_plan"), reverse("residents:self_care_plan")]
    assert config["personal"] == personal_pages()
    assert all(url.startswith("/static/") for url in config["shell"])
    assert config["offline"] == reverse("offline")


def test_the_offline_page_names_nobody_even_when_fetched_signed_in(client, harbor):
    user = make_member(harbor, Role.RESIDENT, first_name="Marisol", email="marisol@example.org")
    client.force_login(user)
    response = client.get(reverse("offline"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "You are offline" in page
    for personal in ["Marisol", "marisol@example.org", harbor.name, "csrfmiddlewaretoken"]:
        assert personal not in page


def test_a_residents_page_asks_the_phone_to_keep_their_plans_and_a_staff_page_does_not(client, harbor):
    user, _resident = resident_in(harbor)
    client.force_login(user)
    assert "data-offline-pages" in client.get("/").content.decode()
    client.force_login(make_member(harbor, Role.HOUSE_MANAGER))
    assert "data-offline-pages" not in client.get("/").content.decode()


def test_the_safety_plan_kept_offline_is_still_never_stored_by_the_browsers_http_cache(client, harbor):
    user, _resident = resident_in(harbor)
    client.force_login(user)
    for path in personal_pages():
        response = client.get(path)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_sign_out_form_clears_the_phones_caches_first(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    page = client.get("/").content.decode()
    assert "data-sign-out" in page
    response = client.post(reverse("account_logout"))
    assert '"cache"' in response["Clear-Site-Data"] and '"storage"' in response["Clear-Site-Data"]
