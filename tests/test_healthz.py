"""/healthz answers 200 when the database and the broker answer, 503 naming what is down."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import PROJECT_DIR, hearth_env


def test_healthz_is_ok_when_database_and_broker_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_the_broker_when_redis_is_down(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "broker": "down"}}


def test_healthz_reveals_no_version_or_personal_data(client, db):
    body = client.get("/healthz").content.decode()
    assert "django" not in body.lower() and "version" not in body.lower()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable():
    """A real gunicorn process whose DATABASE_URL points at a port where no database listens."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "recovery.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=PROJECT_DIR,
        env=hearth_env(DATABASE_URL="postgres://hearth@127.0.0.1:1/hearth", DEBUG="false"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
                pytest.fail("/healthz answered 200 although the database is unreachable")
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert status == 503
        assert '"database": "down"' in body
        assert "127.0.0.1" not in body and "hearth@" not in body
    finally:
        server.terminate()
        server.wait(timeout=10)
