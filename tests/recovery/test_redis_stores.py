"""Redis done right (issue 19): the broker, the cache and locks in separate databases, and Redis Sentinel for each.

Real Redis (CI sets REDIS_URL); the Sentinel test starts a `redis-server --sentinel` of its own that watches it.
"""

import shutil
import socket
import subprocess
import time
import uuid
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.core.cache import cache, caches
from kombu import Connection

from recovery import health
from recovery.redis_urls import with_database
from recovery.tasks import ping

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set; CI sets it")


def test_the_three_stores_use_three_databases():
    locations = {
        settings.CELERY_BROKER_URL,
        settings.CACHES["default"]["LOCATION"],
        settings.CACHES["locks"]["LOCATION"],
    }
    assert len(locations) == 3


def test_clearing_the_cache_leaves_queued_tasks_alone():
    """The issue's finding: a cache clear (FLUSHDB) once deleted 98 queued tasks."""
    queue = f"test-untouched-{uuid.uuid4().hex}"
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    try:
        for number in range(5):
            ping.apply_async(args=[f"queued-{number}"], queue=queue)  # no worker consumes this queue
        assert broker.llen(queue) == 5
        cache.set("a-throttle", 1)
        caches["locks"].set("a-lock", 1)
        cache.clear()
        assert cache.get("a-throttle") is None
        assert broker.llen(queue) == 5
        assert caches["locks"].get("a-lock") == 1
    finally:
        broker.delete(queue)
        caches["locks"].delete("a-lock")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sentinel(tmp_path):
    """A Redis Sentinel watching the test's Redis as master "hearth-test"; yields its sentinel:// base address."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on PATH")
    redis_address = urlsplit(settings.REDIS_URL)
    port = _free_port()
    config = tmp_path / "sentinel.conf"
    config.write_text(
        f"port {port}\nbind 127.0.0.1\ndir {tmp_path}\n"
        f"sentinel monitor hearth-test {redis_address.hostname} {redis_address.port or 6379} 1\n"
    )
    process = subprocess.Popen(["redis-server", str(config), "--sentinel"], stdout=subprocess.DEVNULL)
    try:
        client = redis.Redis(port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                if client.sentinel_get_master_addr_by_name("hearth-test"):
                    break
            except redis.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("redis-server --sentinel did not start")
            time.sleep(0.1)
        yield f"sentinel://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_cache_locks_broker_and_healthz_work_through_sentinel(settings, sentinel):
    database = int(urlsplit(settings.REDIS_URL).path.strip("/") or 0)
    sentinel_url = with_database(sentinel + str(database), 0)
    # A second address that names no sentinel first: the pool moves on to the next one.
    dead_first = f"sentinel://127.0.0.1:{_free_port()}/{database};{sentinel_url}"
    options = {"pool_class": "recovery.redis_urls.SentinelPool", "master_name": "hearth-test", "socket_timeout": 1}
    settings.REDIS_SENTINEL_MASTER = "hearth-test"
    settings.CELERY_BROKER_URL = dead_first
    settings.HEARTH_CACHE_URL = with_database(dead_first, 1)
    settings.CACHES = {
        "default": {
            "BACKEND": "recovery.cache.FailOpenRedisCache",
            "LOCATION": settings.HEARTH_CACHE_URL,
            "OPTIONS": options,
        },
        "locks": {
            "BACKEND": "recovery.cache.HearthRedisCache",
            "LOCATION": with_database(dead_first, 2),
            "OPTIONS": options,
        },
    }
    cache.set("through-sentinel", "yes")
    assert redis.Redis.from_url(with_database(settings.REDIS_URL, 1)).exists(":1:through-sentinel")
    assert cache.get("through-sentinel") == "yes"
    caches["locks"].set("lock-through-sentinel", 1)
    assert caches["locks"].get("lock-through-sentinel") == 1
    assert health.cache_is_up() and health.broker_is_up()
    # Celery's transport, as the settings configure it for a sentinel:// broker.
    queue = f"test-sentinel-{uuid.uuid4().hex}"
    with Connection(dead_first, transport_options={"master_name": "hearth-test"}) as connection:
        simple = connection.SimpleQueue(queue)
        simple.put({"hello": "sentinel"})
        assert simple.get(timeout=5).payload == {"hello": "sentinel"}
        simple.close()
    cache.clear()
    caches["locks"].delete("lock-through-sentinel")
