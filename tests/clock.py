"""Today as the test organizations see it.

The builders' organizations keep Hearth's default clock (America/New_York), while the server's clock is UTC: between
midnight UTC and midnight in New York, the server's date (`date.today()`, `timezone.localdate()`) already names
tomorrow. A test that means "the house's today" says `house_today()`; `tests/test_house_today.py` refuses the
server's date anywhere in the tests.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

HOUSE_TIME_ZONE = ZoneInfo("America/New_York")  # recovery.models.Organization.time_zone's default


def house_today() -> date:
    """The date now on the test organizations' clock (America/New_York, the Organization default)."""
    return datetime.now(HOUSE_TIME_ZONE).date()
