"""With production values, `manage.py check --deploy` reports nothing."""

import secrets
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_DIR, hearth_env


@pytest.mark.django_db
def test_check_deploy_is_clean_with_production_settings():
    production = hearth_env(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hearth.example",
        # Undo the plain-HTTP relaxations the test run sets, so the production defaults apply.
        SECURE_SSL_REDIRECT=None,
        SESSION_COOKIE_SECURE=None,
        CSRF_COOKIE_SECURE=None,
        STATIC_MANIFEST=None,
        HEARTH_TEST_FAST_PASSWORD_HASHER=None,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=PROJECT_DIR,
        env=production,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_check_deploy_refuses_the_test_suites_fast_password_hasher():
    production = hearth_env(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hearth.example",
        HEARTH_TEST_FAST_PASSWORD_HASHER="true",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=PROJECT_DIR,
        env=production,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "hearth.E001" in result.stdout + result.stderr
