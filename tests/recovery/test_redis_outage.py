"""With Redis stopped or frozen, a saved action that notifies answers at once and people still sign in (issue 15, 3).

A real `redis-server` of the test's own is started, Hearth's settings are loaded for it exactly as production loads
them (REDIS_URL), and the cache and the Celery app in this process are pointed at it; then it is stopped (connection
refused) or frozen with SIGSTOP (the connection is accepted and never answered).
"""

import os
import runpy
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.urls import reverse

from peer_support.announcements.models import Announcement
from recovery import cache as hearth_cache
from recovery.celery import app
from recovery.models import Role
from recovery.notifications.models import Delivery
from tests.recovery.builders import PASSWORD, make_member
from tests.residences.builders import make_home, manager_of, resident_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server on PATH"),
]

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "recovery" / "settings.py"
# An answer "at once": the settings' Redis timeouts (1 s by default) spent once or twice, with room for a slow CI.
PROMPT_SECONDS = 6.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    def __init__(self, tmp_path: Path):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly"]
        self.process = subprocess.Popen(
            [*command, "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.frozen = False
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def close(self) -> None:
        if self.frozen:
            os.kill(self.process.pid, signal.SIGCONT)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def _reset_celery_connections() -> None:
    # Only forgotten, never closed: kombu keeps its pools in a global registry by connection, and a closed one
    # would be handed back to the next test that uses the same broker.
    app._after_fork()  # forgets the connection and producer pools, as a forked worker does
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def own_redis(tmp_path, settings, monkeypatch):
    """A redis-server of this test's own, with this process's cache and Celery app pointed at it through Hearth's
    settings as loaded for `REDIS_URL` (the same timeouts, routes and cache backend as production)."""
    redis = OwnRedis(tmp_path)
    monkeypatch.setenv("REDIS_URL", redis.url)
    monkeypatch.setenv("HEARTH_VAR_DIR", str(tmp_path / "var"))
    loaded = runpy.run_path(str(SETTINGS_FILE))
    prefix = "CELERY_"
    celery_settings = {name[len(prefix) :].lower(): value for name, value in loaded.items() if name.startswith(prefix)}
    saved = {key: app.conf.get(key) for key in celery_settings}
    settings.CACHES = loaded["CACHES"]
    app.conf.update(celery_settings)
    app.conf.update(task_always_eager=False)
    _reset_celery_connections()
    hearth_cache.FailOpenRedisCache._down_until = 0.0
    try:
        yield redis
    finally:
        redis.close()
        app.conf.update(saved)
        _reset_celery_connections()
        hearth_cache.FailOpenRedisCache._down_until = 0.0


@pytest.fixture
def home_with_a_resident(harbor):
    home = make_home(harbor, name="Maple", beds=())
    resident, _ = resident_in(harbor, home)
    return home, resident


def _post_announcement(client, home, capture):
    client.force_login(manager_of(home))
    started = time.monotonic()
    with capture(execute=True):  # the commit hooks run as after a real commit: queueing the deliveries
        response = client.post(reverse("peer_support:announcements"), {"residence": home.pk, "title": "Chores"})
    return response, time.monotonic() - started


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_a_notifying_action_is_saved_and_answers_at_once_when_redis_is_down(
    client, harbor, in_scope, home_with_a_resident, own_redis, django_capture_on_commit_callbacks, outage
):
    home, _ = home_with_a_resident
    own_redis.stop() if outage == "stopped" else own_redis.freeze()

    response, seconds = _post_announcement(client, home, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert seconds < PROMPT_SECONDS, f"the action took {seconds:.1f} s with Redis {outage}"
    with in_scope(harbor):
        assert Announcement.objects.filter(title="Chores").exists()
        # Left pending and due: the dispatcher queues it when the broker is back.
        assert Delivery.objects.filter(status=Delivery.Status.PENDING).exists()


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_a_person_signs_in_when_redis_is_down(client, harbor, own_redis, outage):
    person = make_member(harbor, Role.RESIDENT)
    own_redis.stop() if outage == "stopped" else own_redis.freeze()

    started = time.monotonic()
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    seconds = time.monotonic() - started

    assert response.status_code == 302, response.content[:500]
    assert client.session.get("_auth_user_id") == str(person.pk)
    assert seconds < PROMPT_SECONDS, f"sign-in took {seconds:.1f} s with Redis {outage}"


def test_a_wrong_password_is_still_refused_when_redis_is_down(client, harbor, own_redis):
    """Failing open on rate limiting never means failing open on the password."""
    person = make_member(harbor, Role.RESIDENT)
    own_redis.stop()

    response = client.post(reverse("account_login"), {"login": person.email, "password": "not-the-password"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_in_attempts_are_rate_limited_when_redis_is_up(client, harbor, own_redis):
    """The fail-open cache is still a cache: with Redis answering, the sign-in limit bites."""
    person = make_member(harbor, Role.RESIDENT)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": person.email, "password": "not-the-password"})

    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
