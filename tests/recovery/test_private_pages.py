"""A shared house computer keeps nothing of the last person: signed-in pages are never stored, and signing out
(by the button or the idle timeout) tells the browser to clear what it kept."""

import time

import pytest
from django.urls import reverse

from recovery.middleware import SESSION_LAST_SEEN_KEY
from recovery.models import Role
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/notifications/", "/organization/members/"])
def test_a_page_shown_to_a_signed_in_person_is_never_stored(client, harbor, path):
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_redirect_or_refusal_to_a_signed_in_person_is_never_stored_either(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    response = client.get("/organization/members/")
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]


def test_signing_out_tells_the_browser_to_clear_its_cache_cookies_and_storage(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "no-store" in response["Cache-Control"]


def test_being_signed_out_for_idling_clears_the_site_data_too(client, harbor):
    client.force_login(make_member(harbor, Role.HOUSE_MANAGER))
    client.get("/")
    session = client.session
    session[SESSION_LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def test_a_public_page_keeps_its_own_caching_when_nobody_is_signed_in(client, harbor):
    response = client.get(reverse("public_availability_feed", kwargs={"org_slug": harbor.slug}))
    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]
    assert "Clear-Site-Data" not in response


def test_an_anonymous_page_asks_the_browser_to_clear_nothing(client):
    response = client.get("/accounts/login/")
    assert "Clear-Site-Data" not in response
