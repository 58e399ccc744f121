"""The outcomes page's measures for a period, over the homes a member looks after or one home (issue 17).

Every measure is computed in a fixed number of queries (about ten, whatever the number of homes, stays, check-ins or
ledger entries): the rows a measure needs are read with `values()` in one query each and counted here, so the page
loads no resident's record (counts, not records: recovery/audit/reads.py) and its query count does not grow.

The rules, each from the issue or the house's own definitions:
- Dates are calendar dates in the organization's time zone; a period runs from `start` to `end`, both included.
- A night is counted on the day it begins: a person in a bed on day D (their stretch runs on D: `starts_on <= D <
  ends_on`, the same rule as `residences.homes.selectors`) fills that bed that night. A move-in on the 15th of a
  30-day month is 16 bed-nights; a move-out day is none.
- Capacity is the homes' beds in service today, every day of the period (the bed's history of service is not kept).
- An admission counts for the home of the stay's first bed; a departure (a move-out in the period) for the home of
  its last; a length of stay is that of a completed stay (move-out in the period), move-out minus move-in, in days.
- BARC-10 change (Vilsaint et al. 2017): per resident living in the homes in the period, their first assessment of
  those stays against their latest one taken by the period's end, when they have two or more ("paired"). A total of
  47 or more is the validation study's marker of sustained remission; "crossing" is a first total under 47 and a
  latest one at 47 or more. Assessments are a sensitive class: only roles that see it get this measure.
- Check-in engagement: check-ins made in the homes in the period over the resident-days (bed-nights) there.
- Phase progression: the steps up (to a phase after the first) that began in the period, by the phase's position.
- Alumni: alumni records of people who ever lived in the homes: staying connected by the period's end, new in it.
- Money (Decimal): charged is charges less credits (and corrections of either); collected is payments less
  corrections of payments; both by posting date in the period, for stays that lived in the homes (a stay that moved
  between two homes counts in each home's view and once in the organization's).
"""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum

from governance.outcomes.periods import Period
from peer_support.checkins.models import CheckIn
from residences.homes.selectors import visible_residences
from residences.ledger.models import EntryKind, LedgerEntry
from residences.models import Bed, BedAssignment, Residence, Stay
from residences.stays.models import DischargeReason
from residents.barc10.models import Barc10Assessment
from residents.phases.models import Alumnus, PhaseStep
from residents.sensitivity import InfoClass, can_see_class

BARC10_MARKER = 47

# Length-of-stay bands, in days: (label, first day, last day or None).
STAY_BANDS = (
    ("Under 30 days", 0, 29),
    ("30 to 89 days", 30, 89),
    ("90 to 179 days", 90, 179),
    ("180 to 364 days", 180, 364),
    ("A year or more", 365, None),
)


@dataclass
class Occupancy:
    beds: int
    bed_nights: int
    capacity_nights: int
    by_day: list[tuple[date, int]]  # (day, beds filled that night)

    @property
    def rate(self) -> Decimal | None:
        """Bed-nights over capacity, as a percentage with one decimal; None without capacity."""
        if not self.capacity_nights:
            return None
        return (Decimal(100 * self.bed_nights) / self.capacity_nights).quantize(Decimal("0.1"))


@dataclass
class Stays:
    admissions: int
    departures: int
    lengths: list[int]  # days, of each completed stay
    reasons: list[tuple[str, int]]  # (label, count), every reason, in the list's order
    destinations: list[tuple[str, int]]  # (as written, count), most first

    @property
    def median_length(self) -> float | None:
        return statistics.median(self.lengths) if self.lengths else None

    @property
    def length_bands(self) -> list[tuple[str, int]]:
        return [
            (label, sum(1 for n in self.lengths if n >= low and (high is None or n <= high)))
            for label, low, high in STAY_BANDS
        ]


@dataclass
class Barc10Change:
    paired: int
    mean_change: Decimal | None  # points, one decimal
    crossed: int  # first under the marker, latest at or above it

    @property
    def crossed_share(self) -> Decimal | None:
        return (Decimal(100 * self.crossed) / self.paired).quantize(Decimal("0.1")) if self.paired else None


@dataclass
class Engagement:
    check_ins: int
    resident_days: int
    residents: int  # who lived in the homes in the period
    residents_checking_in: int  # of them, who checked in at least once there
    by_week: list[tuple[date, Decimal | None]] = field(default_factory=list)  # (Monday, rate %)

    @property
    def rate(self) -> Decimal | None:
        return _percent(self.check_ins, self.resident_days)


@dataclass
class Alumni:
    connected: int
    new: int
    willing_to_mentor: int


@dataclass
class Money:
    charged: Decimal
    collected: Decimal

    @property
    def rate(self) -> Decimal | None:
        return (self.collected * 100 / self.charged).quantize(Decimal("0.1")) if self.charged > 0 else None


@dataclass
class Outcomes:
    period: Period
    homes: list[Residence]
    occupancy: Occupancy
    stays: Stays
    barc10: Barc10Change | None  # None: the viewer's role does not see assessments
    engagement: Engagement
    step_ups: list[tuple[int, int]]  # (phase position reached, count)
    alumni: Alumni
    money: Money


def _percent(part: int, whole: int) -> Decimal | None:
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1")) if whole else None


def homes_for(membership, residence=None) -> list[Residence]:
    """The homes a page of outcomes covers: `residence` alone when given (the caller checked the person may see
    it), else every home the member looks after (`visible_residences`), by name. One query."""
    if residence is not None:
        return [residence]
    return list(visible_residences(membership).order_by("name", "pk"))


def outcomes(membership, *, period: Period, residence=None) -> Outcomes:
    """Every measure of the outcomes page for `period` over `residence` or, without one, the member's homes (see the
    module's rules). About ten queries, whatever the data's size."""
    homes = homes_for(membership, residence)
    home_ids = [home.pk for home in homes]
    # Every bed stretch of the homes that overlaps the period: a range over history, not "who lives here on D";
    # each is clipped to its stay's own dates in `_nights`, so a planned move-out counts as a plan.
    stretches = list(
        BedAssignment.objects.filter(bed__room__residence_id__in=home_ids, starts_on__lte=period.end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=period.start))
        .order_by("stay_id", "starts_on", "pk")
        .values(
            "stay_id",
            "starts_on",
            "ends_on",
            "stay__resident_id",
            "stay__move_in",
            "stay__move_out",
            "stay__discharge_reason",
            "stay__destination",
        )
    )
    beds = Bed.objects.filter(room__residence_id__in=home_ids, in_service=True).count()
    occupancy = _occupancy(stretches, beds=beds, period=period)
    lived_here = Stay.objects.filter(bed_assignments__bed__room__residence_id__in=home_ids)
    return Outcomes(
        period=period,
        homes=homes,
        occupancy=occupancy,
        stays=_stays(stretches, period=period),
        barc10=_barc10(stretches, period=period) if can_see_class(membership, InfoClass.ASSESSMENTS) else None,
        engagement=_engagement(home_ids, stretches, occupancy, period=period),
        step_ups=_step_ups(home_ids, period=period),
        alumni=_alumni(lived_here, period=period),
        money=_money(lived_here, period=period),
    )


def _nights(stretch, period: Period) -> tuple[date, date]:
    """The nights of one bed stretch inside the period and its stay: [first, after the last)."""
    first = max(stretch["starts_on"], stretch["stay__move_in"], period.start)
    after = period.end + timedelta(days=1)
    for end in (stretch["ends_on"], stretch["stay__move_out"]):
        if end is not None:
            after = min(after, end)
    return first, after


def _occupancy(stretches, *, beds: int, period: Period) -> Occupancy:
    filled = [0] * period.days
    for stretch in stretches:
        first, after = _nights(stretch, period)
        for offset in range((first - period.start).days, (after - period.start).days):
            filled[offset] += 1
    by_day = [(period.start + timedelta(days=n), count) for n, count in enumerate(filled)]
    return Occupancy(beds=beds, bed_nights=sum(filled), capacity_nights=beds * period.days, by_day=by_day)


def _stays(stretches, *, period: Period) -> Stays:
    admissions, departures = set(), {}
    for stretch in stretches:
        move_in, move_out = stretch["stay__move_in"], stretch["stay__move_out"]
        if period.start <= move_in <= period.end and stretch["starts_on"] <= move_in:
            admissions.add(stretch["stay_id"])
        ends = stretch["ends_on"]
        if move_out is not None and period.start <= move_out <= period.end and (ends is None or ends >= move_out):
            departures[stretch["stay_id"]] = stretch
    reasons = Counter(stretch["stay__discharge_reason"] for stretch in departures.values())
    destinations = Counter(stretch["stay__destination"].strip() or "Not recorded" for stretch in departures.values())
    return Stays(
        admissions=len(admissions),
        departures=len(departures),
        lengths=sorted((s["stay__move_out"] - s["stay__move_in"]).days for s in departures.values()),
        reasons=[(label, reasons[value]) for value, label in DischargeReason.choices],
        destinations=sorted(destinations.items(), key=lambda item: (-item[1], item[0].casefold())),
    )


def _barc10(stretches, *, period: Period) -> Barc10Change:
    stay_ids = {stretch["stay_id"] for stretch in stretches}
    totals: dict[int, list[int]] = {}
    assessments = (
        Barc10Assessment.objects.filter(stay_id__in=stay_ids, taken_on__lte=period.end)
        .order_by("resident_id", "taken_on", "created_at", "pk")
        .values_list("resident_id", "total")
    )
    for resident_id, total in assessments:
        totals.setdefault(resident_id, []).append(total)
    pairs = [(scores[0], scores[-1]) for scores in totals.values() if len(scores) >= 2]
    mean = None
    if pairs:
        mean = (Decimal(sum(last - first for first, last in pairs)) / len(pairs)).quantize(Decimal("0.1"))
    crossed = sum(1 for first, last in pairs if first < BARC10_MARKER <= last)
    return Barc10Change(paired=len(pairs), mean_change=mean, crossed=crossed)


def _engagement(home_ids, stretches, occupancy: Occupancy, *, period: Period) -> Engagement:
    check_ins = CheckIn.objects.filter(residence_id__in=home_ids, day__gte=period.start, day__lte=period.end)
    per_day = dict(check_ins.values_list("day").annotate(n=Count("pk")).order_by())
    checking_in = check_ins.aggregate(n=Count("resident_id", distinct=True))["n"]
    residents = {s["stay__resident_id"] for s in stretches if _nights(s, period)[0] < _nights(s, period)[1]}
    weeks: dict[date, list[int]] = {}
    for day, filled in occupancy.by_day:
        monday = day - timedelta(days=day.weekday())
        week = weeks.setdefault(monday, [0, 0])
        week[0] += per_day.get(day, 0)
        week[1] += filled
    return Engagement(
        check_ins=sum(per_day.values()),
        resident_days=occupancy.bed_nights,
        residents=len(residents),
        residents_checking_in=checking_in,
        by_week=[(monday, _percent(made, days)) for monday, (made, days) in weeks.items()],
    )


def _step_ups(home_ids, *, period: Period) -> list[tuple[int, int]]:
    rows = (
        PhaseStep.objects.filter(
            phase__residence_id__in=home_ids,
            phase__position__gt=1,
            started_on__gte=period.start,
            started_on__lte=period.end,
        )
        .values_list("phase__position")
        .annotate(n=Count("pk"))
        .order_by("phase__position")
    )
    return list(rows)


def _alumni(lived_here, *, period: Period) -> Alumni:
    connected = Q(stay_connected=True, since__lte=period.end)
    counts = Alumnus.objects.filter(resident_id__in=lived_here.values("resident_id")).aggregate(
        connected=Count("pk", filter=connected),
        new=Count("pk", filter=Q(since__gte=period.start, since__lte=period.end)),
        willing=Count("pk", filter=connected & Q(willing_to_mentor=True)),
    )
    return Alumni(connected=counts["connected"], new=counts["new"], willing_to_mentor=counts["willing"])


def _money(lived_here, *, period: Period) -> Money:
    billed = [EntryKind.CHARGE, EntryKind.CREDIT]
    sums = LedgerEntry.objects.filter(
        stay_id__in=lived_here.values("pk"), posted_on__gte=period.start, posted_on__lte=period.end
    ).aggregate(
        charged=Sum(
            "balance_effect", filter=Q(kind__in=billed) | Q(kind=EntryKind.ADJUSTMENT, corrects__kind__in=billed)
        ),
        paid=Sum(
            "balance_effect",
            filter=Q(kind=EntryKind.PAYMENT) | Q(kind=EntryKind.ADJUSTMENT, corrects__kind=EntryKind.PAYMENT),
        ),
    )
    zero = Decimal("0.00")
    return Money(charged=sums["charged"] or zero, collected=-(sums["paid"] or zero) + zero)
