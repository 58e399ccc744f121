"""Health checks for /healthz: can Hearth reach its database and its task broker?"""

import os
from pathlib import Path

import redis
from django.conf import settings
from django.db import DatabaseError, connection


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def broker_is_up() -> bool:
    """Redis answers a PING; the embedded file queue is a folder Hearth can write to."""
    if settings.REDIS_URL:
        try:
            client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
            return bool(client.ping())
        except (redis.RedisError, OSError):
            return False
    return os.access(Path(settings.CELERY_QUEUE_DIR), os.W_OK)


def run_checks() -> dict[str, bool]:
    return {"database": database_is_up(), "broker": broker_is_up()}
