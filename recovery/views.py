"""Platform pages: home, health, and the error pages in the house style."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import health


@require_safe
def home(request):
    return render(request, "home.html")


@never_cache
@require_safe
def healthz(request):
    """200 when the database and the broker answer, 503 naming what is down. No versions, no data."""
    checks = health.run_checks()
    down = sorted(name for name, up in checks.items() if not up)
    body = {
        "status": "ok" if not down else "unavailable",
        "checks": {name: "ok" if up else "down" for name, up in checks.items()},
    }
    return JsonResponse(body, status=200 if not down else 503)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever broke (often the database) must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
