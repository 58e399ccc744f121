"""/healthz answers 200 when the database, cache and broker answer and the scheduler beats; 503 naming what is not.

Never 500: a dependency that is down or misconfigured (a Sentinel address, an unreadable URL) is reported by name.
"""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from recovery.heartbeat import HEARTBEAT_KEY, record_beat
from tests.conftest import PROJECT_DIR, hearth_env

ALL_OK = {"database": "ok", "cache": "ok", "broker": "ok", "scheduler": "ok"}


@pytest.fixture
def beating():
    """The scheduler beat a moment ago."""
    record_beat()


def test_healthz_is_ok_when_everything_answers_and_the_scheduler_beats(client, db, beating):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["checks"] == ALL_OK
    assert datetime.fromisoformat(body["last_beat"]) > datetime.now(tz=UTC) - timedelta(minutes=1)
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_stale_scheduler(client, db, settings):
    settings.HEARTH_BEAT_STALE_SECONDS = 300
    beat = datetime.now(tz=UTC) - timedelta(seconds=301)
    record_beat(beat)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"] == {**ALL_OK, "scheduler": "stale"}
    assert body["last_beat"] == beat.isoformat(timespec="seconds")


def test_healthz_reports_a_scheduler_that_never_beat(client, db):
    from django.core.cache import caches

    caches["locks"].delete(HEARTBEAT_KEY)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"] == "missing"
    assert response.json()["last_beat"] is None


def test_clearing_the_cache_keeps_the_heartbeat(client, db, beating):
    from django.core.cache import cache

    cache.clear()
    assert client.get("/healthz").json()["checks"]["scheduler"] == "ok"


def test_healthz_names_the_broker_when_redis_is_down(client, db, settings, beating):
    settings.REDIS_URL = settings.REDIS_URL or "redis://127.0.0.1:1/0"
    settings.HEARTH_CACHE_URL = settings.HEARTH_CACHE_URL or "redis://127.0.0.1:1/1"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["broker"] == "down"


@pytest.mark.parametrize(
    "url",
    ["sentinel://127.0.0.1:1/0", "sentinel://", "rediss+nonsense://x", "redis://127.0.0.1:1/0"],
    ids=["sentinel-unreachable", "sentinel-without-host", "unknown-scheme", "redis-unreachable"],
)
def test_healthz_answers_503_not_500_when_redis_is_misconfigured(client, db, settings, beating, url):
    settings.REDIS_URL = settings.CELERY_BROKER_URL = settings.HEARTH_CACHE_URL = url
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] == checks["broker"] == "down"
    assert "127.0.0.1" not in response.content.decode()


def test_healthz_reveals_no_version_or_personal_data(client, db):
    body = client.get("/healthz").content.decode()
    assert "django" not in body.lower() and "version" not in body.lower()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("environment", "down"),
    [
        ({"DATABASE_URL": "postgres://hearth@127.0.0.1:1/hearth"}, "database"),
        # A Sentinel address whose sentinels do not answer: the cache and the broker are down, /healthz still answers.
        ({"REDIS_URL": "sentinel://127.0.0.1:1/0", "REDIS_SENTINEL_MASTER": "hearth"}, "broker"),
    ],
    ids=["database", "sentinel"],
)
def test_healthz_answers_503_from_a_real_server_when_a_dependency_is_unreachable(environment, down):
    """A real gunicorn process whose settings point at a port where nothing listens."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "recovery.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=PROJECT_DIR,
        env=hearth_env(DEBUG="false", **environment),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
                pytest.fail(f"/healthz answered 200 although the {down} is unreachable")
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert status == 503
        assert f'"{down}": "down"' in body
        assert "127.0.0.1" not in body and "hearth@" not in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_beat_records_a_first_beat_as_it_starts_and_starts_even_when_the_store_is_down(db, settings):
    from django.core.cache import caches

    from recovery.celery import record_the_first_beat
    from recovery.heartbeat import last_beat

    caches["locks"].delete(HEARTBEAT_KEY)
    record_the_first_beat()
    assert last_beat() > datetime.now(tz=UTC) - timedelta(minutes=1)
    down = {"BACKEND": "recovery.cache.HearthRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    settings.CACHES = {**settings.CACHES, "locks": down}
    record_the_first_beat()  # logs a warning; beat goes on
