"""The cache backend for Redis: when Redis is unreachable, the cache reads as empty and drops writes.

Hearth's cache holds only throttles and counters (allauth's sign-in, sign-up and password-reset rate limits, the
invitation-code attempts, TOTP codes already used): nothing that must survive, nothing another store depends on.
With Redis stopped or frozen, Django's Redis cache raises on every call, so nobody could sign in (issue 15, item 3).
The decision: rate limiting fails open while Redis is down. A guess at a password still costs a PBKDF2 hash of about
half a second per try and per worker, and every sign-in is audited; refusing everyone for the length of an outage
would lock residents out of their check-in for no gain in safety. One warning is logged per outage window (no key,
no person: keys can carry an address).

After a failure the cache does not ask Redis again for `RETRY_AFTER_SECONDS`, so a frozen Redis (which accepts the
connection and never answers) costs one request one socket timeout (REDIS_TIMEOUT), not every call of every request.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from recovery.redis_urls import is_sentinel

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10.0


class HearthRedisCache(RedisCache):
    """Django's RedisCache that also reads a Sentinel URL (recovery/redis_urls.py) as one server.

    Django splits LOCATION at ";" and "," into a primary and read replicas; a Sentinel URL's ";" joins the sentinels
    of one master instead, so it stays whole and OPTIONS' `pool_class` (SentinelPool) finds the master through them.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        if isinstance(server, str) and is_sentinel(server):
            self._servers = [server]


class FailOpenRedisCache(HearthRedisCache):
    """Django's RedisCache that treats an unreachable Redis as an empty cache for a few seconds.

    Reads return their default (`add` says it stored the value, `incr` starts from 1, `has_key` is False), writes
    and deletes do nothing; the first failure logs a warning and starts a pause of RETRY_AFTER_SECONDS during which
    Redis is not asked. Programming errors (a missing key to `incr`) still raise.
    """

    _down_until = 0.0

    def _call(self, method: str, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), method)(*args, **kwargs)
        except RedisError as error:
            FailOpenRedisCache._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning(
                "Redis cache unreachable (%s): reading it as empty and failing open on rate limits for %.0f s.",
                type(error).__name__,
                RETRY_AFTER_SECONDS,
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", True, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", [], data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", delta, key, delta, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
