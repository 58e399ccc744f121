"""A cache that lives for one request: reads that several parts of a page ask with the same arguments (where the
person signed in lives, their resident record) run once per request instead of once per card or line.

Only reading requests (GET, HEAD) have one, opened by `TenantMiddleware` around the view and its templates: a
request that changes things may change what these reads answer, so it always asks the database. Outside a request
(tasks, commands, tests calling selectors) nothing is cached.
"""

from collections.abc import Callable, Hashable
from contextlib import contextmanager
from contextvars import ContextVar

from recovery.tenancy import current_organization

_cache: ContextVar[dict | None] = ContextVar("hearth_request_cache", default=None)
_MISSING = object()


@contextmanager
def request_cache():
    """Open a cache for the reads of the block (one request)."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def remembered(key: Hashable, read: Callable):
    """`read()`, asked once per request for `key` in the active organization's scope; called every time outside a
    request's cache. The key must name every argument the read depends on."""
    cache = _cache.get()
    if cache is None:
        return read()
    organization = current_organization()
    full_key = (key, organization.pk if organization is not None else None)
    found = cache.get(full_key, _MISSING)
    if found is _MISSING:
        found = cache[full_key] = read()
    return found
