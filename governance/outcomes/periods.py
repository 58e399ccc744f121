"""The period an outcomes page or export covers: calendar dates in the organization's time zone, both ends included."""

from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_DAYS = 90
LONGEST_DAYS = 3 * 366  # three years: long enough for a funder's report, short enough to draw a day per point


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        """How many days the period holds, both ends included (1 for a one-day period)."""
        return (self.end - self.start).days + 1

    def __str__(self):
        return f"{self.start:%B} {self.start.day}, {self.start.year} to {self.end:%B} {self.end.day}, {self.end.year}"


def last_days(today: date, days: int = DEFAULT_DAYS) -> Period:
    """The `days` days ending with `today` (the organization's today): the pages' default period."""
    return Period(start=today - timedelta(days=days - 1), end=today)
