"""Hearth's Redis addresses: one REDIS_URL split into a database each for the broker, the cache and locks; Sentinel.

Three stores, three databases by default (issue 19): clearing the cache (`cache.clear()` is FLUSHDB) must never
delete queued tasks, and neither may delete locks or the scheduler's heartbeat. From `REDIS_URL` ending in database
N: the broker and Celery's results keep N (so tasks queued before an upgrade are still consumed), the cache takes
N + 1 and locks N + 2. Each can be set on its own instead (CELERY_BROKER_URL, HEARTH_CACHE_URL, HEARTH_LOCKS_URL).

Redis Sentinel uses Celery's spelling for every store: `sentinel://[:password@]host:26379/N`, several sentinels
joined by ";", and the monitored master's name in REDIS_SENTINEL_MASTER. This module must not import Django's
settings: the settings module itself uses it.
"""

from urllib.parse import unquote, urlsplit, urlunsplit

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from redis.sentinel import Sentinel, SentinelConnectionPool

# Databases each Hearth process takes from REDIS_URL's number: broker (and results), cache, locks.
DATABASES_PER_SITE = 3
CACHE_OFFSET = 1
LOCKS_OFFSET = 2


def is_sentinel(url: str) -> bool:
    return url.startswith("sentinel://")


def with_database(url: str, offset: int) -> str:
    """The Redis or Sentinel URL with its database number (the path, 0 when absent) moved up by `offset`.

    A Sentinel URL of several sentinels ("sentinel://a:26379/0;sentinel://b:26379/0") has each part moved.
    """
    parts = []
    for part in url.split(";"):
        split = urlsplit(part)
        database = int(split.path.strip("/") or 0) + offset
        parts.append(urlunsplit(split._replace(path=f"/{database}")))
    return ";".join(parts)


def sentinel_address(url: str) -> tuple[list[tuple[str, int]], str | None, int]:
    """The sentinels' (host, port) pairs, the master's password (or None) and the database number of a Sentinel URL.

    Raises ValueError for a URL that is not a Sentinel URL or names no host.
    """
    hosts, password, database = [], None, 0
    for part in url.split(";"):
        split = urlsplit(part.strip())
        if split.scheme != "sentinel" or not split.hostname:
            raise ValueError("a Sentinel URL reads sentinel://[:password@]host:port/db, several joined by ';'")
        hosts.append((split.hostname, split.port or 26379))
        password = unquote(split.password) if split.password else password
        database = int(split.path.strip("/") or 0)
    return hosts, password, database


class SentinelPool(SentinelConnectionPool):
    """A connection pool to the master a Sentinel URL's sentinels name, for Django's RedisCache (`pool_class`).

    Django calls `from_url(location, **OPTIONS)`; OPTIONS carries `master_name` besides the socket timeouts.
    """

    @classmethod
    def from_url(cls, url: str, master_name: str = "mymaster", **options):
        options.pop("db", None)
        hosts, password, database = sentinel_address(url)
        # One quick try per sentinel: redis-py's default retries with backoff would cost seconds per call when
        # the sentinels are down, where Hearth wants REDIS_TIMEOUT (issue 15, item 3).
        sentinel_kwargs = {key: options[key] for key in ("socket_connect_timeout", "socket_timeout") if key in options}
        sentinel = Sentinel(hosts, sentinel_kwargs={**sentinel_kwargs, "retry": Retry(NoBackoff(), 0)})
        return cls(master_name, sentinel, db=database, password=password, **options)


def client(url: str, *, master_name: str, timeout: float) -> redis.Redis:
    """A Redis client for a redis://, rediss:// or sentinel:// URL, giving up after `timeout` seconds per call.

    Raises ValueError for an address it cannot read (a health check counts that as down, never as an error page).
    """
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    if is_sentinel(url):
        return redis.Redis(connection_pool=SentinelPool.from_url(url, master_name=master_name, **options))
    return redis.Redis.from_url(url, **options)
