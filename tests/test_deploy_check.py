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
