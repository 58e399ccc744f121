"""The base pages: sign-in, home, error pages in the house style, admin title, security headers."""

import pytest
from django.test import RequestFactory

from recovery.views import server_error


@pytest.mark.django_db
def test_login_page_renders_a_labelled_email_and_password_form(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="login"' in html and 'type="email"' in html
    assert 'name="password"' in html
    assert 'for="id_login"' in html and 'for="id_password"' in html
    assert "Hearth" in html


@pytest.mark.django_db
def test_base_page_has_landmarks_skip_link_and_vendored_assets(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    assert "<header" in html and "<nav" in html and "<main" in html and "<footer" in html
    assert '<html lang="en">' in html
    assert "/static/vendor/htmx-" in html and "/static/vendor/pico-" in html
    assert "https://" not in html.split("<body")[0], "no CDN: every asset is served from static/"


@pytest.mark.django_db
def test_unknown_page_answers_404_in_the_house_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_server_error_page_renders_without_a_database_or_a_user():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_admin_is_titled_for_hearth(client):
    from tests.recovery.builders import UserFactory, sign_in_with_totp

    sign_in_with_totp(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Hearth administration" in response.content.decode()


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.content.decode(), "inline scripts would be blocked by the CSP"


def test_a_member_signs_in_with_email_and_password_and_lands_on_their_home(client, harbor):
    from recovery.models import Role
    from tests.recovery.builders import PASSWORD, make_member

    member = make_member(harbor, Role.COACH, email="sam@example.org")
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "signed in to Harbor Light Recovery Homes as coach" in client.get("/").content.decode()
