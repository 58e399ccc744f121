"""A person's calendar link (their page: make, replace, revoke) and the feed it opens, read by a calendar app with
no session: the token in the URL is the only key, so it is rate-limited, its URL parameter is named `token` (kept
out of every log, recovery.redaction) and a revoked or unknown one answers 404."""

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from governance.calendar import feed, selectors, services
from governance.calendar.models import CalendarFeed
from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.audit.reads import write_request_reads
from recovery.network import client_ip
from recovery.permissions import member_required
from recovery.registry import find_viewer_home
from recovery.tenancy import tenant_scope, viewer_today

# A calendar app polls every 15 minutes to every few hours; more than this is not a calendar app.
FEED_REQUESTS_PER_HOUR = 60
ADDRESS_REQUESTS_PER_HOUR = 300  # per client address, whatever the token: guessing tokens costs time too
USE_NOTED_EVERY = 3600  # seconds between two writes of a link's last_used_at


def _over_rate(key: str, limit: int) -> bool:
    """Count one request in the hour's bucket `key`; True when the bucket already holds `limit`. The cache fails
    open while Redis is down (recovery/cache.py), as the API's throttle does."""
    if cache.add(key, 1, timeout=3600):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # the bucket expired between add and incr
        return False


def _too_many() -> HttpResponse:
    response = HttpResponse("Too many requests for this calendar link; try again in an hour.", status=429)
    response["Retry-After"] = "3600"
    return response


@require_safe
def calendar_feed(request, token):
    """The iCalendar feed of the link's person (text/calendar), or 404 for an unknown or revoked link."""
    address = client_ip(request) or "unknown"
    if _over_rate(f"throttle-calendar-address-{address}", ADDRESS_REQUESTS_PER_HOUR):
        return _too_many()
    if _over_rate(f"throttle-calendar-{CalendarFeed.hash_token(token)[:32]}", FEED_REQUESTS_PER_HOUR):
        return _too_many()
    link = services.feed_for_token(token)
    if link is None:
        raise Http404("No such calendar.")
    actor = recorder.Actor(
        user=link.membership.user,
        kind=AuditEvent.ActorKind.PERSON,
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        path=request.path,  # redacted when written (recovery.redaction)
    )
    with tenant_scope(link.organization), recorder.acting_as(actor):
        # The token stands for a session: the request gets the organization and the person's home as the
        # middleware gives a signed-in one, so the feed's today is the person's (a resident's home's midnight).
        request.organization = link.organization
        request.viewer_home = find_viewer_home(link.membership)
        events = selectors.events_for(link.membership, today=viewer_today(request))
        write_request_reads(actor=actor)  # the passes and reviews it read, as reads by the link's person
        if link.last_used_at is None or (timezone.now() - link.last_used_at).total_seconds() > USE_NOTED_EVERY:
            CalendarFeed.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    body = feed.ical_bytes(events, domain=request.get_host().split(":")[0], base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hearth.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def _feed_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("governance:calendar_feed", kwargs={"token": token}))


NEW_LINK_KEY = "calendar_new_link"  # the session's copy of a link just made, until the page shows it once


@member_required
@require_safe
def calendar_link(request):
    """The person's calendar link: whether they have one, when it was last read, the buttons, and a link just made
    (shown this once: it is taken out of the session as it is shown)."""
    token = request.session.pop(NEW_LINK_KEY, None)
    context = {
        "link": services.live_link_of(request.membership),
        "new_url": _feed_url(request, token) if token else None,
    }
    return render(request, "governance/calendar/calendar_link.html", context)


@member_required
@require_POST
def make_calendar_link(request):
    """Make a new link (the old one stops working); the page shows it once after the redirect, so a second sending
    of the form makes nothing (recovery.submissions)."""
    request.session[NEW_LINK_KEY] = services.make_link(membership=request.membership)
    return redirect("governance:calendar_link")


@member_required
@require_POST
def revoke_calendar_link(request):
    if services.revoke_link(membership=request.membership):
        messages.success(request, "Your calendar link no longer works. Calendars that used it stop updating.")
    return redirect("governance:calendar_link")
