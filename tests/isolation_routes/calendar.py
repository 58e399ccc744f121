"""The calendar's routes (governance/calendar/urls.py): a person's own link page, and the feed its token opens."""

NOT_TENANT_ROUTES = {
    "governance:calendar_feed": "the token in the URL is the only key (no session is read); the feed holds only its "
    "person's events in its own organization (tests/governance/test_calendar.py)",
}
