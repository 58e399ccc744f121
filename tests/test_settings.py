"""Settings come from the environment, with an embedded default that needs neither PostgreSQL nor Redis."""

import re
import runpy
from pathlib import Path

import pytest

HEARTH_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "STATIC_MANIFEST",
    "BEHIND_TLS_PROXY",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "HEARTH_CACHE_URL",
    "HEARTH_LOCKS_URL",
    "REDIS_SENTINEL_MASTER",
    "HEARTH_STORAGE",
    "DATABASE_PGBOUNCER",
    "SENTRY_DSN",
]


@pytest.fixture
def load_settings(monkeypatch, tmp_path):
    """Evaluate recovery/settings.py afresh under a given environment, without touching the live settings."""

    def load(**environment):
        for name in HEARTH_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HEARTH_VAR_DIR", str(tmp_path / "var"))
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(Path(__file__).resolve().parent.parent / "recovery" / "settings.py"))

    return load


def test_embedded_default_uses_sqlite_and_file_queue_when_nothing_is_set(load_settings, tmp_path):
    config = load_settings(DEBUG="true")
    assert config["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert config["DATABASES"]["default"]["NAME"] == str(tmp_path / "var" / "hearth.sqlite3")
    assert config["CELERY_BROKER_URL"].startswith("filesystem://")
    assert (tmp_path / "var" / "celery" / "queue").is_dir()
    assert config["CACHES"]["default"]["BACKEND"].endswith("FileBasedCache")


def test_database_and_redis_come_from_their_urls_when_set(load_settings):
    config = load_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://hearth:s3cret@db.internal:5433/hearth",
        REDIS_URL="redis://cache.internal:6379/2",
    )
    database = config["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.internal",
        5433,
        "hearth",
        "hearth",
    )
    assert database["CONN_HEALTH_CHECKS"] is True
    assert config["CELERY_BROKER_URL"] == config["CELERY_RESULT_BACKEND"] == "redis://cache.internal:6379/2"
    assert config["CACHES"]["default"]["BACKEND"].endswith("RedisCache")


def test_broker_cache_and_locks_get_a_redis_database_each(load_settings):
    """Clearing the cache is FLUSHDB: it must not reach the broker's queues or the locks (issue 19)."""
    config = load_settings(REDIS_URL="redis://cache.internal:6379/2")
    assert config["CELERY_BROKER_URL"] == "redis://cache.internal:6379/2"
    assert config["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/3"
    assert config["CACHES"]["locks"]["LOCATION"] == "redis://cache.internal:6379/4"
    explicit = load_settings(
        REDIS_URL="redis://one:6379/0", HEARTH_CACHE_URL="redis://two:6379/5", CELERY_BROKER_URL="redis://three:6379/0"
    )
    assert explicit["CACHES"]["default"]["LOCATION"] == "redis://two:6379/5"
    assert explicit["CELERY_BROKER_URL"] == explicit["CELERY_RESULT_BACKEND"] == "redis://three:6379/0"
    assert explicit["CACHES"]["locks"]["LOCATION"] == "redis://one:6379/2"


def test_redis_sentinel_serves_the_cache_locks_and_celery(load_settings):
    sentinels = "sentinel://:pw@s1:26379/0;sentinel://:pw@s2:26379/0"
    config = load_settings(REDIS_URL=sentinels, REDIS_SENTINEL_MASTER="hearth")
    assert config["CELERY_BROKER_URL"] == sentinels
    assert config["CELERY_BROKER_TRANSPORT_OPTIONS"]["master_name"] == "hearth"
    assert config["CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS"]["master_name"] == "hearth"
    cache = config["CACHES"]["default"]
    assert cache["LOCATION"] == "sentinel://:pw@s1:26379/1;sentinel://:pw@s2:26379/1"
    assert cache["OPTIONS"]["pool_class"] == "recovery.redis_urls.SentinelPool"
    assert cache["OPTIONS"]["master_name"] == "hearth"
    assert config["CACHES"]["locks"]["LOCATION"].endswith("s2:26379/2")


def test_behind_pgbouncer_server_side_cursors_are_off(load_settings):
    """Transaction pooling: a server-side cursor would outlive its transaction's server connection (.ci/pgbouncer)."""
    direct = load_settings(DATABASE_URL="postgres://hearth@db:5432/hearth")["DATABASES"]["default"]
    assert not direct.get("DISABLE_SERVER_SIDE_CURSORS")
    pooled = load_settings(DATABASE_URL="postgres://hearth@pgbouncer:6432/hearth", DATABASE_PGBOUNCER="true")
    assert pooled["DATABASES"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_commands_run_without_a_secret_key_when_debug_is_off(load_settings):
    assert load_settings(DEBUG="false")["SECRET_KEY"] == ""


def test_the_web_server_refuses_to_start_without_a_secret_key_when_debug_is_off():
    import subprocess
    import sys

    from tests.conftest import PROJECT_DIR, hearth_env

    result = subprocess.run(
        [sys.executable, "-c", "import recovery.wsgi"],
        cwd=PROJECT_DIR,
        env=hearth_env(DEBUG="false", SECRET_KEY=""),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_makemigrations_check_runs_without_a_secret_key():
    import subprocess
    import sys

    from tests.conftest import PROJECT_DIR, hearth_env

    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=PROJECT_DIR,
        env=hearth_env(DEBUG="false", SECRET_KEY=""),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_production_defaults_are_secure_when_debug_is_off(load_settings):
    config = load_settings(SECRET_KEY="x" * 50)
    assert config["DEBUG"] is False
    assert config["SECURE_SSL_REDIRECT"] is True
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["CSRF_COOKIE_SECURE"] is True
    assert config["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert config["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")


def test_behind_the_tls_proxy_the_client_address_comes_from_the_proxys_forwarded_for_entry(load_settings):
    config = load_settings(SECRET_KEY="x" * 50, BEHIND_TLS_PROXY="true")
    assert config["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert config["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] is None
    direct = load_settings(SECRET_KEY="x" * 50)
    assert direct["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0  # no proxy: a forwarded-for header is the client's claim
    custom = load_settings(SECRET_KEY="x" * 50, TRUSTED_PROXY_COUNT="2", TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    assert custom["ALLAUTH_TRUSTED_PROXY_COUNT"] == 2
    assert custom["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] == "X-Real-IP"


def test_cookies_carry_the_host_prefix_over_https_and_plain_names_over_http(load_settings):
    production = load_settings(SECRET_KEY="x" * 50)
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    # The prefix also needs no Domain and the root path, which Django's defaults give.
    assert production.get("SESSION_COOKIE_DOMAIN") is None and production.get("CSRF_COOKIE_DOMAIN") is None
    development = load_settings(DEBUG="true")
    assert "SESSION_COOKIE_NAME" not in development and "CSRF_COOKIE_NAME" not in development


def test_hosts_and_email_are_parsed_from_the_environment(load_settings):
    config = load_settings(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="hearth.example,www.hearth.example",
        EMAIL_URL="smtp+tls://mailer:pw@smtp.example:587",
    )
    assert config["ALLOWED_HOSTS"] == ["hearth.example", "www.hearth.example"]
    assert config["EMAIL_HOST"] == "smtp.example"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_USE_TLS"] is True


def test_every_variable_read_is_documented_in_env_example(settings):
    documented = (settings.BASE_DIR / ".env.example").read_text()
    source = (settings.BASE_DIR / "recovery" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))
    assert read, "the pattern should find the variables settings.py reads"
    missing = sorted(name for name in read if f"{name}=" not in documented)
    assert not missing, f"document these in .env.example: {missing}"
