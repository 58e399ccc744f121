"""Health checks for /healthz: can Hearth reach its database, cache, broker and locks, and does the scheduler beat?

Every check answers a word ("ok", or what is wrong) and never raises: a dependency that is down, refuses, or is
misconfigured (an address its client cannot read, a Sentinel that names no master) is reported by name, so that
/healthz answers 503 and never 500. No check reveals an address, a version or an error text.
"""

import logging
import os
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

from recovery import heartbeat, redis_urls

logger = logging.getLogger(__name__)


def _quietly(check) -> bool:
    """Run one check; any exception counts as down (logged by its type only: messages can carry addresses)."""
    try:
        return bool(check())
    except Exception as error:  # whatever the client raises, the dependency is down for us
        logger.warning("health check %s failed: %s", check.__name__, type(error).__name__)
        return False


def _redis_answers(url: str):
    def ping():
        client = redis_urls.client(url, master_name=settings.REDIS_SENTINEL_MASTER, timeout=2)
        try:
            return client.ping()
        finally:
            client.close()

    return ping


def database_is_up() -> bool:
    def select_one():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)

    return _quietly(select_one)


def _folder_is_writable(folder) -> bool:
    return os.access(Path(folder), os.W_OK)


def broker_is_up() -> bool:
    """Redis answers a PING; the embedded file queue is a folder Hearth can write to."""
    if settings.REDIS_URL:
        return _quietly(_redis_answers(settings.CELERY_BROKER_URL))
    return _folder_is_writable(settings.CELERY_QUEUE_DIR)


def cache_is_up() -> bool:
    """The cache's Redis answers a PING (the cache itself fails open and would hide it); or its folder is writable."""
    if settings.REDIS_URL:
        return _quietly(_redis_answers(settings.HEARTH_CACHE_URL))
    return _folder_is_writable(settings.CACHES["default"]["LOCATION"])


def scheduler_status() -> tuple[str, datetime | None]:
    """("ok" | "stale" | "missing" | "down", the last beat or None): stale after HEARTH_BEAT_STALE_SECONDS without a
    beat, missing when none was ever recorded, down when the locks store that keeps it cannot be read."""
    try:
        return heartbeat.scheduler_status()
    except Exception as error:  # the locks store is unreachable or misconfigured
        logger.warning("health check scheduler failed: %s", type(error).__name__)
        return "down", None


def run_checks() -> tuple[dict[str, str], datetime | None]:
    """Each dependency's state ("ok", or "down", "stale", "missing") and the scheduler's last beat (UTC) or None."""
    checks = {"database": database_is_up(), "cache": cache_is_up(), "broker": broker_is_up()}
    states = {name: "ok" if up else "down" for name, up in checks.items()}
    states["scheduler"], last_beat = scheduler_status()
    return states, last_beat
