"""Throttling per token: each token (or, for the browser, each person) gets HEARTH_API_RATE requests (default
"600/minute"), counted in the cache. The cache fails open while Redis is down (`recovery/cache.py`): the API is
then not throttled rather than refused, the same decision as for sign-in limits."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ApiTokenThrottle(SimpleRateThrottle):
    """One bucket per token (`api-token-<id>`), or per signed-in person for session requests; anonymous requests
    are refused before throttling (401), so they are not counted here."""

    scope = "api"

    def get_rate(self):
        return settings.HEARTH_API_RATE

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if token is not None and getattr(token, "pk", None):
            return f"throttle-api-token-{token.pk}"
        if request.user and request.user.is_authenticated:
            return f"throttle-api-user-{request.user.pk}"
        return None
