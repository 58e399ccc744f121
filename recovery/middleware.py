"""Per-request platform duties: keep signed-in pages out of caches, enter the tenant scope, end staff sessions a
fixed time after sign-in, time out idle sessions, demand a second sign-in step."""

import time
from contextlib import nullcontext

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from recovery.audit.recorder import acting_as, actor_from_request
from recovery.models import SHORT_SESSION_ROLES
from recovery.registry import find_viewer_home
from recovery.request_cache import request_cache
from recovery.selectors import active_memberships
from recovery.tenancy import home_time_zone, scopes_disabled, tenant_scope

SESSION_ORGANIZATION_KEY = "hearth_organization_id"
SESSION_LAST_SEEN_KEY = "hearth_last_seen"
SESSION_SIGNED_IN_KEY = "hearth_signed_in_at"


# What a browser forgets when a person signs out (or is signed out): a shared house computer keeps no page of theirs.
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


class PrivatePagesMiddleware:
    """No page shown to a signed-in person is stored by the browser or a proxy (`Cache-Control: no-store`), so the
    back button on a shared computer shows nothing of the last person; and the response that signs a person out,
    by the sign-out button or the idle timeout, tells the browser to clear what it kept (`Clear-Site-Data`).

    Resident records are substance-use-disorder records (42 CFR Part 2): a cached page is a disclosure nobody logged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        was_signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if was_signed_in or request.user.is_authenticated:
            add_never_cache_headers(response)
        if was_signed_in and not request.user.is_authenticated:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


class TenantMiddleware:
    """Find the signed-in person's active organization and run the request inside its scope.

    Sets `request.organization` and `request.membership` (None for a person with no membership), and
    `request.memberships` for the organization switcher; activates the request's clock (`request_time_zone`).
    Every request also names its actor for the audit log, and a reading request (GET, HEAD) opens its cache
    (`recovery.request_cache`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = request.membership = None
        request.memberships = []
        if request.user.is_authenticated:
            request.memberships = active_memberships(request.user)
            for membership in request.memberships:
                membership.user = request.user  # the same person: `membership.user` asks no query of its own
            wanted = request.session.get(SESSION_ORGANIZATION_KEY)
            chosen = next((m for m in request.memberships if m.organization_id == wanted), None)
            request.membership = chosen or (request.memberships[0] if request.memberships else None)
            if request.membership is not None:
                request.organization = request.membership.organization
            request.user.hearth_membership = request.membership

        reading = request.method in ("GET", "HEAD")
        with acting_as(actor_from_request(request)), request_cache() if reading else nullcontext():
            if request.organization is None:
                return self.get_response(request)
            try:
                with tenant_scope(request.organization):
                    timezone.activate(request_time_zone(request))
                    return self.get_response(request)
            finally:
                timezone.deactivate()


def request_time_zone(request):
    """The clock a request's pages show and its forms read (storage stays UTC): the time zone of the one home the
    viewer belongs to (a resident's home through their stay, a house manager's only home; the homes answer through
    the registry's "viewer_home"), else the organization's. Sets `request.viewer_home` (a Residence or None) and
    `request.time_zone` (the zone returned, a tzinfo), which the clock tags compare a home's clock with.

    Needs `request.membership` and the organization's tenant scope. Issue 15, item 6: a Denver home in a New York
    organization reads its curfew, passes and check-ins in Denver time. Pages about one home's things when the
    viewer has no single home render that home's clock with `{% home_time %}` (recovery/templatetags/clocks.py).
    """
    request.viewer_home = find_viewer_home(request.membership)
    request.time_zone = home_time_zone(request.viewer_home, organization=request.organization)
    return request.time_zone


def has_absolute_session_lifetime(request) -> bool:
    """Whether this person's session ends a fixed time after sign-in: platform staff, and anyone with a membership
    in a role that sees other people's records (SHORT_SESSION_ROLES, in any of their organizations). Residents
    keep long sessions on their own phones. Needs `request.memberships` (TenantMiddleware)."""
    if request.user.is_staff:
        return True
    return any(membership.role in SHORT_SESSION_ROLES for membership in getattr(request, "memberships", []))


class StaffSessionLifetimeMiddleware:
    """Sign staff out HEARTH_STAFF_SESSION_MAX_HOURS (12 by default) after they signed in, however active they were:
    a session left open on a house computer, or a stolen cookie kept busy, does not live on (issue 12, item 9).

    The sign-in time is written to the session on the first response that carries a signed-in person (the sign-in
    itself, or the first request of a session that predates this rule); Django's login() flushes the session for
    a different person, so the time always belongs to the person signed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and has_absolute_session_lifetime(request):
            signed_in_at = request.session.get(SESSION_SIGNED_IN_KEY)
            max_hours = settings.HEARTH_STAFF_SESSION_MAX_HOURS
            if signed_in_at is not None and int(time.time()) - signed_in_at > max_hours * 60 * 60:
                with scopes_disabled():
                    logout(request)
                messages.info(
                    request, f"You were signed out {max_hours} hours after signing in. Sign in again to continue."
                )
                return redirect_to_login(request.path)
        response = self.get_response(request)
        if request.user.is_authenticated and SESSION_SIGNED_IN_KEY not in request.session:
            request.session[SESSION_SIGNED_IN_KEY] = int(time.time())
        return response


class IdleTimeoutMiddleware:
    """Sign a person out after their role's idle time (30 minutes for staff roles by default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            membership = getattr(request, "membership", None)
            idle_minutes = membership.idle_minutes if membership else settings.HEARTH_DEFAULT_IDLE_MINUTES
            last_seen = request.session.get(SESSION_LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > idle_minutes * 60:
                with scopes_disabled():
                    logout(request)
                messages.info(request, f"You were signed out after {idle_minutes} minutes without activity.")
                return redirect_to_login(request.path)
            if last_seen is None or now - last_seen >= 30:  # write the session at most twice a minute
                request.session[SESSION_LAST_SEEN_KEY] = now
        return self.get_response(request)


class RequireMFAMiddleware:
    """Admins, house managers, staff and coaches must set up a second sign-in step before they see any page."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/organizations/switch/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = getattr(request, "membership", None)
        if (
            membership is not None
            and membership.needs_mfa
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                "Your role looks after residents' records, so it needs a second sign-in step. "
                "Set up an authenticator app to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class HealthCheckMiddleware:
    """Answers /healthz before anything else, so that a container or load balancer's check passes whatever Host header
    it sends and over plain HTTP: with ALLOWED_HOSTS holding only the public name (as production sets it), Django's
    host validation would answer the check from 127.0.0.1:8000 with 400 and the container never turns healthy.

    First in MIDDLEWARE: nothing before it reads the host. The answer names dependencies only (recovery/health.py),
    never an address or a person, so answering any Host reveals nothing. Every other path is validated as before.
    """

    PATH = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == self.PATH:
            from recovery.views import healthz

            return healthz(request)
        return self.get_response(request)
