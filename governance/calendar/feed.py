"""A calendar feed as iCalendar text (RFC 5545), with the `icalendar` package: one VEVENT per event, timed events
with the home's TZID (and its VTIMEZONE), all-day events as dates; titles as `selectors.EventKind` gives them."""

from datetime import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from governance.calendar.selectors import CalendarEvent

PRODID = "-//Hearth//Calendar feed//EN"


def ical_bytes(events: list[CalendarEvent], *, domain: str, base_url: str) -> bytes:
    """The feed of `events`: UIDs "<uid>@<domain>", each event's page as its URL (`base_url` + path), a DTSTAMP of
    now (UTC). The calendar's own name is "Hearth", nothing more."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Hearth")
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{domain}")
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", item.starts)
        event.add("dtend", item.ends)
        if not isinstance(item.starts, datetime):
            event.add("transp", "TRANSPARENT")  # an all-day reminder does not make the person busy
        if item.path:
            event.add("url", base_url.rstrip("/") + item.path)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
