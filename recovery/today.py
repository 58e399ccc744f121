"""The home page's first card, "Today": what waits for this person now, gathered from the features' sources under
the registry's "today" key (`recovery.registry.today_lines`), so the platform core imports none of them.

A resident sees what to do now (check in, vote, sign, pay, come back); a house manager and staff the houses'
picture; a coach their people. Urgent lines come first; a source with nothing waiting adds nothing.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recovery.models import Role
from recovery.notifications import selectors as notification_selectors
from recovery.registry import TodayLine, dashboard_card, registry, today_lines

HEADINGS = {
    Role.RESIDENT: _("What to do now"),
    Role.COACH: _("Your people today"),
}
STAFF_HEADING = _("Your houses today")


def lines_for(request) -> list[TodayLine]:
    """Every source's lines for this member's role, urgent ones first, otherwise in the sources' order."""
    role = request.membership.role
    lines = [line for source in registry["today"] if role in source.roles for line in source.lines(request)]
    return sorted(lines, key=lambda line: not line.urgent)  # a stable sort keeps the sources' order within each


@dashboard_card("recovery/_today.html", order=1)
def today(request):
    role = request.membership.role
    return {"heading": HEADINGS.get(role, STAFF_HEADING), "lines": lines_for(request)}


@today_lines(roles=Role.values, order=90)
def unread_messages(request):
    """Unread messages, for everyone: one count query, shared with the top bar's."""
    from django.urls import reverse

    unread = notification_selectors.request_unread_count(request)
    if unread:
        yield TodayLine(gettext("Unread messages"), reverse("notifications:inbox"), count=unread)
