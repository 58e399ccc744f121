"""The de-identified outcomes export for funders, certifiers, counties and boards (issue 17): the outcomes page's
measures as a CSV that names no one.

The rule (also in the README, "Outcomes and exports"):
- No names, ids, dates of birth, destinations (free text may name a place or a person) or any other field of a
  resident; only counts, rates, means and money totals.
- Dates are binned to calendar months in the organization's time zone: each monthly row is labelled "YYYY-MM" and
  covers the days of that month inside the chosen period; the period itself is written as its first and last month.
- Small cells are suppressed: a count of people from 1 to 10 is written "<11" (the common public-health
  suppression rule: fewer than 11 people); a rate, mean or median whose base is fewer than 11 people is written
  "suppressed". Zero is written as 0. Money totals and bed counts are not counts of people and are written as they
  are. There is no complementary suppression: a suppressed cell may be worked out from its row's totals when only
  one cell of a group is small, so a report on very small homes should export the organization as a whole.
- Counting rules are those of the outcomes page (governance.outcomes.selectors).
"""

from datetime import date, timedelta

from governance.outcomes import selectors
from governance.outcomes.periods import Period
from recovery.exports import csv_bytes, neutralized

SMALLEST_CELL = 11
SUPPRESSED = "suppressed"
HEADERS = ["Measure", "Month", "Value"]


def count_cell(count: int):
    """A count of people as it may leave the organization: 0, "<11" for 1 to 10, else the count."""
    return f"<{SMALLEST_CELL}" if 0 < count < SMALLEST_CELL else count


def based_on(value, people: int):
    """A rate, mean or median computed over `people` people: the value when they are 11 or more, else
    "suppressed" (and "" when there is no value)."""
    if people < SMALLEST_CELL:
        return SUPPRESSED
    return "" if value is None else value


def months_of(period: Period) -> list[tuple[str, Period]]:
    """The calendar months the period touches, each as ("YYYY-MM", the part of the period inside that month)."""
    months, start = [], period.start
    while start <= period.end:
        following = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        end = min(period.end, following - timedelta(days=1))
        months.append((f"{start:%Y-%m}", Period(start=start, end=end)))
        start = following
    return months


def rows(membership, *, period: Period, residence=None) -> list[list]:
    """The export's rows ([measure, month or "", value]) for `period` over `residence` or the member's homes: one
    outcomes reading per month and one for the whole period (about ten queries each)."""
    table: list[list] = []
    for label, month in months_of(period):
        o = selectors.outcomes(membership, period=month, residence=residence)
        people = o.engagement.residents
        table += [
            ["Residents", label, count_cell(people)],
            ["Admissions", label, count_cell(o.stays.admissions)],
            ["Departures", label, count_cell(o.stays.departures)],
            ["Beds in service", label, o.occupancy.beds],
            ["Occupancy rate (%)", label, based_on(o.occupancy.rate, people)],
            ["Check-ins per resident-day (%)", label, based_on(o.engagement.rate, people)],
            ["Steps up a phase", label, count_cell(sum(count for _, count in o.step_ups))],
        ]
    whole = selectors.outcomes(membership, period=period, residence=residence)
    completed = len(whole.stays.lengths)
    period_label = f"{period.start:%Y-%m} to {period.end:%Y-%m}"
    table.append(["Residents", period_label, count_cell(whole.engagement.residents)])
    table.append(["Completed stays", period_label, count_cell(completed)])
    table.append(
        ["Median length of completed stays (days)", period_label, based_on(whole.stays.median_length, completed)]
    )
    table += [[f"Completed stays: {band}", period_label, count_cell(n)] for band, n in whole.stays.length_bands]
    table += [[f"Departures: {reason}", period_label, count_cell(n)] for reason, n in whole.stays.reasons]
    if whole.barc10 is not None:
        paired = whole.barc10.paired
        table += [
            ["BARC-10: residents with paired scores", period_label, count_cell(paired)],
            ["BARC-10: mean change (points)", period_label, based_on(whole.barc10.mean_change, paired)],
            ["BARC-10: crossed 47 points (%)", period_label, based_on(whole.barc10.crossed_share, paired)],
        ]
    table += [
        ["Alumni staying connected", period_label, count_cell(whole.alumni.connected)],
        ["Charged, less credits ($)", period_label, whole.money.charged],
        ["Collected ($)", period_label, whole.money.collected],
    ]
    return [[neutralized(cell) for cell in line] for line in table]


def preamble(organization, *, period: Period, residence=None, today: date) -> list[str]:
    """The lines above the table: what it covers and the rule it keeps (no personal data)."""
    covers = residence.name if residence is not None else organization.name
    return [
        f"De-identified outcomes of {covers}, {period.start:%Y-%m} to {period.end:%Y-%m}, exported {today:%Y-%m}.",
        "No resident is named or numbered; dates are binned to months; counts of 1 to 10 people are written <11 and "
        "rates or means over fewer than 11 people are suppressed.",
    ]


def csv_file(membership, *, period: Period, residence=None, today: date) -> bytes:
    """The whole CSV file as bytes (see `csv_bytes`)."""
    lines = preamble(membership.organization, period=period, residence=residence, today=today)
    return csv_bytes(lines, HEADERS, rows(membership, period=period, residence=residence))
