"""The phone's app: the web app manifest (installable, named for the organization), the service worker served from
the site's root (it keeps the shell and a resident's safety and self-care plans for reading without a signal), and
the plain page it shows offline for everything else.

What the service worker may keep is decided here, not in the browser: the shell (styles, scripts, icons), the offline
page, and only the pages in PERSONAL_PAGES. Signing out clears it all (static/js/offline.js and the sign-out
response's `Clear-Site-Data`, recovery/middleware.py).
"""

import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

# The resident's own pages kept on the phone for reading offline: a safety plan that needs a signal fails when it is
# needed most. Nothing else personal is cached.
PERSONAL_PAGE_NAMES = ["residents:my_safety_plan", "residents:self_care_plan"]
SHELL_FILES = [
    "vendor/pico-2.1.1.min.css",
    "vendor/htmx-2.0.11.min.js",
    "css/hearth.css",
    "js/forms.js",
    "js/offline.js",
    "js/tables.js",
    "img/hearth.svg",
    "img/icon-192.png",
]
MASKABLE = "maskable"  # drawn full-bleed, the flame inside the safe zone, for launchers that crop to a shape
THEME_COLOR = "#7a3b12"
BACKGROUND_COLOR = "#fffaf3"


def personal_pages() -> list[str]:
    """The paths of the pages a resident's phone keeps for offline reading (no query string)."""
    return [reverse(name) for name in PERSONAL_PAGE_NAMES]


@cache
def _worker_source() -> str:
    with open(finders.find("js/sw.js"), encoding="utf-8") as source:
        return source.read()


def worker_config() -> dict:
    """What the service worker keeps: shell URLs (hashed names in production), the offline page, the personal pages.
    The version changes whenever any of them or the worker's code changes, so the browser installs the new one."""
    shell = [static(name) for name in SHELL_FILES]
    config = {
        "shell": shell,
        "offline": reverse("offline"),
        "personal": personal_pages(),
        "icon": static("img/icon-192.png"),
    }
    digest = hashlib.sha256((json.dumps(config, sort_keys=True) + _worker_source()).encode()).hexdigest()
    return {**config, "version": digest[:12]}


@require_safe
def service_worker(request):
    """The service worker, from the site's root so its scope is the whole site (`Service-Worker-Allowed: /`)."""
    body = f"self.HEARTH_OFFLINE = {json.dumps(worker_config())};\n{_worker_source()}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def manifest(request):
    """The web app manifest. Its name is the signed-in person's organization (what their home screen shows), or
    Hearth for anyone not signed in."""
    organization = getattr(request, "organization", None)
    name = organization.name if organization is not None else "Hearth"
    body = {
        "name": name,
        "short_name": name if len(name) <= 12 else "Hearth",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("img/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": MASKABLE},
        ],
    }
    return JsonResponse(body, content_type="application/manifest+json")


@require_safe
def offline(request):
    """The page the service worker shows when a page is not kept and there is no signal. It names nobody: the worker
    stores it for everyone, so it is rendered without the signed-in person's header or organization."""
    return render(request, "recovery/offline/offline.html")
