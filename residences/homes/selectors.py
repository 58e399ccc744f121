"""Who lives where and who runs which home — the one place every feature asks — and the reads for the residences
list, a home's page and its bed board.

Dates here are calendar dates in the organization's time zone: pass `organization_today(organization)` for today
(or a day a person chose), never the server's `date.today()`. A bed assignment runs from `starts_on` until
`ends_on`, which is exclusive: on the day of a transfer the person is in the new bed, on a move-out day in none.

"Lives here on day D" has one definition, `_running(D)` below, and every feature asks it through `living_in`,
`residents_living_in`, `stays_living_in`, `bed_of`, `home_of` or `stay_is_current` (issue 14, item 4): the stay
has begun (`move_in <= D`) and has not ended (no move-out, or a move-out after D), and a bed of it runs on D. A
move-out recorded for a later day is a plan until that day comes: until then the stay is current, the bed is
occupied, and the person checks in, votes, pays rent, is on the house's lists and can be transferred.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import rules
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from recovery.models import Role
from recovery.request_cache import remembered
from recovery.rules import membership_of
from recovery.tenancy import current_organization, organization_today
from residences.models import (
    OPEN_STATUSES,
    Application,
    Bed,
    BedAssignment,
    BedStatus,
    HouseManagerAssignment,
    Residence,
    Room,
    Stay,
)
from residents.profiles.models import Resident

# --- Who runs which home ------------------------------------------------------------------------------------------


def assigned_residence_ids(membership) -> frozenset[int]:
    """The ids of the homes this membership is assigned to look after (its house-manager assignments).

    The role is not checked: only a house manager's assignments grant anything, so callers ask about the role
    first. One query the first time, then cached on the membership object (the request's membership lives for
    one request), so a predicate may ask it for every row of a page.
    """
    if not hasattr(membership, "_assigned_residence_ids"):
        membership._assigned_residence_ids = frozenset(
            HouseManagerAssignment.objects.filter(membership=membership).values_list("residence_id", flat=True)
        )
    return membership._assigned_residence_ids


def visible_residences(membership, *, own_home: bool = False):
    """The homes this member looks after: every home for an admin or staff member, the assigned ones for a house
    manager, none for anyone else.

    `own_home=True` also gives a resident the home they live in today (the organization's today; their open
    stay's bed that day), for the house's shared pages such as celebrations and phase requests.

    Returns an unevaluated Residence queryset in name order: one query when listed, none when nested in another
    query (`residence__in=visible_residences(membership)`), plus, the first time in a request, the cached lookup
    of a house manager's assignments or of a resident's home.
    """
    residences = Residence.objects.all()
    if membership.role in (Role.ADMIN, Role.STAFF):
        return residences
    if membership.role == Role.HOUSE_MANAGER:
        return residences.filter(pk__in=assigned_residence_ids(membership))
    if own_home and membership.role == Role.RESIDENT:
        home_id = home_residence_id(membership)
        return residences.filter(pk=home_id) if home_id is not None else residences.none()
    return residences.none()


def house_managers_of(residence, *, can_sign_in: bool = False, any_role: bool = False) -> list:
    """The users who run this home day to day: active members assigned to it who are house managers, the first
    assigned first. The organization's admins run every home and are not in this list; ask for them apart.

    `residence` is a Residence or its id; None gives nobody (and no query). `can_sign_in=True` leaves out people
    whose account is switched off (`user.is_active`), for work someone must sign in to do, such as a review.
    `any_role=True` also counts people still assigned whose role has since changed (changing a role keeps the
    assignments), as the review scheduler always has. One query.
    """
    if residence is None:
        return []
    assignments = HouseManagerAssignment.objects.filter(residence=residence, membership__is_active=True)
    if not any_role:
        assignments = assignments.filter(membership__role=Role.HOUSE_MANAGER)
    if can_sign_in:
        assignments = assignments.filter(membership__user__is_active=True)
    return [assignment.membership.user for assignment in assignments.select_related("membership__user").order_by("pk")]


# --- Who lives where ----------------------------------------------------------------------------------------------


def stay_not_ended(on: date, prefix: str = "") -> Q:
    """Stays not ended by `on` (a date in the organization's time zone): no move-out, or one planned for a later
    day. They may not have begun yet. `prefix` is the path to the stay from the model queried, with its "__" (for
    bed assignments: "stay__"); the Q for a filter or an exclude."""
    return Q(**{f"{prefix}move_out__isnull": True}) | Q(**{f"{prefix}move_out__gt": on})


def stay_is_current(on: date, prefix: str = "") -> Q:
    """Stays current on `on` (a date in the organization's time zone): moved in on or before `on`, and not ended
    by then (`stay_not_ended`). `prefix` as there. The one rule; `stays_current_on` and `_running` use it."""
    return Q(**{f"{prefix}move_in__lte": on}) & stay_not_ended(on, prefix)


def stays_current_on(on: date):
    """The organization's stays current on `on` (`stay_is_current`), in id order: an unevaluated Stay queryset,
    whether or not they have a bed that day (a stay always has one, unless it left on the day it came)."""
    return Stay.objects.filter(stay_is_current(on)).order_by("pk")


def stay_has_ended(stay, on: date) -> bool:
    """Whether this stay has ended by `on` (its move-out is on or before that day). A move-out planned for a later
    day has not ended it: the stay stays current until then. No query."""
    return stay.move_out is not None and stay.move_out <= on


def _not_ended_since() -> date:
    """The day against which `on=None` reads "not ended yet": the organization's today in a tenant scope; outside
    one (a dispatcher across organizations) the day before the server's today, the earliest date any time zone
    may still be on, so the caller must check each row against its own organization's day."""
    today = organization_today()
    return today if current_organization() is not None else today - timedelta(days=1)


def not_ended_since() -> date:
    """The public name of the day `on=None` reads "not ended yet" against (see `_not_ended_since`), for callers
    across organizations that filter with `stay_not_ended` and check each row against its own day."""
    return _not_ended_since()


def _running(on: date | None) -> Q:
    """Bed assignments running on `on` of stays current on `on`; None: each stay's last stretch (the bed they are
    in now or will move into, whatever day it starts) while the stay has not ended: open-ended, or ending on a
    move-out planned for a later day than today."""
    if on is None:
        since = _not_ended_since()
        open_ended = Q(ends_on__isnull=True, stay__move_out__isnull=True)
        return open_ended | Q(ends_on=F("stay__move_out"), stay__move_out__gt=since)
    running = Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gt=on))
    return running & stay_not_ended(on, "stay__")


def living_in(residence=None, *, on: date | None, every_home: bool = False):
    """Who lives in a home on a day: the bed assignments running on `on`, one per person in a bed, with the stay,
    the resident and the home joined, in home, room and bed order.

    - `residence`: a Residence, its id, or several (a list, set or queryset of homes or ids). None means nobody
      (an empty queryset, no query) unless `every_home=True`, which means every home of the organization in scope.
    - `on`: a date in the organization's time zone. The bed running that day: a transfer on day D counts the new
      bed on D, a move-out on D no bed. None: each stay's open-ended bed, the one they are in now or will move
      into, whatever day it starts (how check-ins, "my people" and mentoring count the current bed), while the
      stay has not ended. A move-out planned for a later day counts as living here until that day, always.

    Returns an unevaluated BedAssignment queryset: one query when evaluated, none of its own when nested
    (`.values("stay__resident_id")`, or `.filter(stay__resident=OuterRef("pk"))` in a subquery).
    """
    if residence is not None and every_home:
        raise ValueError("Name a home, or ask for every home, not both.")
    beds = BedAssignment.objects.filter(_running(on))
    if residence is None and not every_home:
        beds = beds.none()
    elif isinstance(residence, (Residence, int)):
        beds = beds.filter(bed__room__residence=residence)
    elif residence is not None:
        beds = beds.filter(bed__room__residence__in=residence)
    return beds.select_related("stay__resident", "bed__room__residence").order_by(
        "bed__room__residence__name", "bed__room__name", "bed__label"
    )


def residents_living_in(residence=None, *, on: date | None, every_home: bool = False):
    """`living_in` as residents: an unevaluated, unordered Resident queryset (one query; none of its own nested)."""
    living = living_in(residence, on=on, every_home=every_home)
    return Resident.objects.filter(pk__in=living.values("stay__resident_id"))


def stays_living_in(residence=None, *, on: date | None, every_home: bool = False):
    """`living_in` as stays, in id order: an unevaluated Stay queryset (one query; none of its own nested)."""
    living = living_in(residence, on=on, every_home=every_home)
    return Stay.objects.filter(pk__in=living.values("stay_id")).order_by("pk")


def bed_of(*, user=None, resident=None, stay=None, on: date | None, latest: bool = False) -> BedAssignment | None:
    """Where one person lives: the bed assignment that puts them in a bed, with the stay, the resident and the
    home joined, or None. One query.

    - Name the person by exactly one of `user` (their sign-in, in the organization in scope), `resident` or
      `stay`. For a user or a resident only a current stay counts (`_running`); a stay named counts whether it is
      current or has ended (with `on=None`, an ended stay has no bed; ask `latest=True`).
    - `on`: a date in the organization's time zone: the bed running that day (a transfer on day D gives the new
      bed on D; a move-out on D, none). None: the open-ended bed, the one they are in now or will move into,
      whatever day it starts.
    - `latest=True` (with `on=None`): the bed that started last, of any stay, open or ended — "where they live,
      else where they lived last". A transfer recorded for a later day already counts as latest.
    """
    named = [value for value in (user, resident, stay) if value is not None]
    if len(named) != 1:
        raise TypeError("Name the person by exactly one of user, resident or stay.")
    if latest and on is not None:
        raise TypeError("The latest bed is the latest whatever the day: pass on=None.")
    if user is not None and not latest:
        # Where the person signed in lives: the middleware's clock, Today's lines and the page all ask it.
        return remembered(("bed_of", user.pk, on), lambda: _bed_of(user=user, resident=None, stay=None, on=on))
    return _bed_of(user=user, resident=resident, stay=stay, on=on, latest=latest)


def _bed_of(*, user, resident, stay, on: date | None, latest: bool = False) -> BedAssignment | None:
    beds = BedAssignment.objects.select_related("stay__resident", "bed__room__residence")
    if stay is not None:
        beds = beds.filter(stay=stay)
    elif resident is not None:
        beds = beds.filter(stay__resident=resident)
    else:
        beds = beds.filter(stay__resident__user=user)
    if latest:
        return beds.order_by("-starts_on").first()
    return beds.filter(_running(on)).first()


def home_of(*, user=None, resident=None, stay=None, on: date | None, latest: bool = False) -> Residence | None:
    """The home of `bed_of(...)` (the same arguments and meaning), or None. One query."""
    bed = bed_of(user=user, resident=resident, stay=stay, on=on, latest=latest)
    return bed.bed.room.residence if bed is not None else None


def home_residence_id(membership) -> int | None:
    """The id of the home the member lives in today (`home_of(user=..., on=<the organization's today>)`), or None.

    One query the first time, then cached on the membership object for the rest of the request.
    """
    if not hasattr(membership, "_home_residence_id"):
        home = home_of(user=membership.user, on=organization_today(membership.organization))
        membership._home_residence_id = home.pk if home is not None else None
    return membership._home_residence_id


def viewer_home(membership) -> Residence | None:
    """The one home this member belongs to, whose clock their pages show (issue 15, item 6), or None: a resident's
    home today (their current stay's bed, `home_of`; the organization's today finds it), a house manager's home when
    they are assigned exactly one; anyone else (admins, staff, a manager of several homes) has none.

    One query, for residents and house managers only. It fills the membership's caches of `home_residence_id` and
    `assigned_residence_ids`, so the pages of the same request do not ask again.
    """
    if membership.role == Role.RESIDENT:
        home = home_of(user=membership.user, on=organization_today(membership.organization))
        membership._home_residence_id = home.pk if home is not None else None
        return home
    if membership.role == Role.HOUSE_MANAGER:
        homes = list(Residence.objects.filter(manager_assignments__membership=membership).distinct())
        membership._assigned_residence_ids = frozenset(home.pk for home in homes)
        return homes[0] if len(homes) == 1 else None
    return None


@rules.predicate
def lives_in_residence(user, residence) -> bool:
    """A resident of the residence's organization whose current stay is in this home today."""
    membership = membership_of(user)
    if membership is None or residence is None or membership.role != Role.RESIDENT:
        return False
    if residence.organization_id != membership.organization_id:
        return False
    return home_residence_id(membership) == residence.pk


def resident_record_of(user) -> Resident | None:
    """The signed-in person's resident record in the organization in scope, or None (one query). Residences may
    not import `residents.profiles.selectors`; elsewhere use its `my_resident_record`."""
    return Resident.objects.filter(user=user).first()


# --- The residences list, a home's page and its bed board --------------------------------------------------------


def count_per_residence(queryset, residence_path: str):
    """A subquery counting `queryset` rows per residence, so list pages need no join per row."""
    counted = queryset.filter(**{residence_path: OuterRef("pk")}).order_by().values(residence_path)
    return Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField())


def residences_with_occupancy(membership, *, today: date):
    """Each visible home with beds in service and beds occupied today — derived, never typed."""
    occupied = BedAssignment.objects.filter(_running(today), bed__in_service=True)
    return visible_residences(membership).annotate(
        beds_in_service=Coalesce(count_per_residence(Bed.objects.filter(in_service=True), "room__residence"), 0),
        beds_occupied=Coalesce(count_per_residence(occupied, "bed__room__residence"), 0),
        beds_free=F("beds_in_service") - F("beds_occupied"),
    )


@dataclass
class BedView:
    bed: Bed
    status: str
    current: BedAssignment | None
    upcoming: BedAssignment | None

    @property
    def status_label(self) -> str:
        return BedStatus(self.status).label

    @property
    def moving_out_on(self) -> date | None:
        """The move-out planned for the person in this bed (a later day: today they still live here), or None."""
        return self.current.stay.move_out if self.current is not None else None


def bed_board(residence: Residence, *, today: date) -> list[tuple[Room, list[BedView]]]:
    """Every room and bed of a home with who is in it, since when, and who is coming (a fixed few queries)."""
    current = BedAssignment.objects.filter(_running(today)).select_related("stay__resident")
    upcoming = BedAssignment.objects.filter(starts_on__gt=today).select_related("stay__resident").order_by("starts_on")
    rooms = Room.objects.filter(residence=residence).prefetch_related(
        Prefetch(
            "beds",
            queryset=Bed.objects.order_by("label").prefetch_related(
                Prefetch("assignments", queryset=current, to_attr="current_assignments"),
                Prefetch("assignments", queryset=upcoming, to_attr="upcoming_assignments"),
            ),
        )
    )
    board = []
    for room in rooms:
        views = []
        for bed in room.beds.all():
            now = bed.current_assignments[0] if bed.current_assignments else None
            next_ = bed.upcoming_assignments[0] if bed.upcoming_assignments else None
            if not bed.in_service:
                status = BedStatus.OUT_OF_SERVICE
            elif now is not None:
                status = BedStatus.OCCUPIED
            elif next_ is not None:
                status = BedStatus.RESERVED
            else:
                status = BedStatus.AVAILABLE
            views.append(BedView(bed=bed, status=status, current=now, upcoming=next_))
        board.append((room, views))
    return board


def bed_counts(board) -> dict[str, int]:
    counts = {status: 0 for status in BedStatus.values}
    for _room, views in board:
        for view in views:
            counts[view.status] += 1
    counts["capacity"] = sum(counts[s] for s in BedStatus.values if s != BedStatus.OUT_OF_SERVICE)
    return counts


def arriving_on(residences, *, on: date) -> int:
    """How many bed stretches in these homes (a Residence queryset) start on `on`: move-ins and transfers in."""
    return BedAssignment.objects.filter(bed__room__residence__in=residences, starts_on=on).count()


def leaving_on(residences, *, on: date) -> int:
    """How many stays with a bed in these homes (a Residence queryset) end on `on`, their move-out day. One query."""
    beds = BedAssignment.objects.filter(bed__room__residence__in=residences)
    return beds.filter(Q(ends_on=on) | Q(stay__move_out=on)).values("stay").distinct().count()


def residence_home(residence: Residence, *, today: date, horizon_days: int = 14) -> dict:
    """Today's picture of one home: arrivals, departures, upcoming move-outs and the waitlist count."""
    in_home = Q(bed__room__residence=residence)
    arrivals = BedAssignment.objects.filter(in_home, starts_on=today).select_related("stay__resident", "bed__room")
    departures = BedAssignment.objects.filter(in_home, ends_on=today).select_related("stay__resident", "bed__room")
    # A move-out recorded for a later day is planned; else the expected date given at admission, if near.
    horizon = (today, today + timedelta(days=horizon_days))
    near = Q(move_out__range=horizon) | Q(move_out__isnull=True, expected_move_out__range=horizon)
    upcoming_move_outs = (
        Stay.objects.filter(near, bed_assignments__in=BedAssignment.objects.filter(in_home, _running(today)))
        .annotate(leaving_on=Coalesce("move_out", "expected_move_out"))
        .select_related("resident")
        .order_by("leaving_on", "pk")
    )
    waitlist = Application.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(residence=residence) | Q(residence__isnull=True)
    )
    return {
        "arrivals": list(arrivals),
        "departures": list(departures),
        "upcoming_move_outs": list(upcoming_move_outs),
        "waitlist_count": waitlist.count(),
    }


def beds_with_status(*, today: date):
    """Every bed of the organization in scope with its `status` today (a BedStatus value) annotated in the database,
    by the bed board's rule (`bed_board`): out of service; else occupied (someone's stretch runs today); else
    reserved (someone is booked to come); else available. Room and home joined; an unevaluated Bed queryset in
    home, room and label order, for lists that filter by home or status (the API's free beds). Nothing about who."""
    current = BedAssignment.objects.filter(_running(today), bed=OuterRef("pk"))
    upcoming = BedAssignment.objects.filter(starts_on__gt=today, bed=OuterRef("pk"))
    status = Case(
        When(in_service=False, then=Value(BedStatus.OUT_OF_SERVICE)),
        When(Exists(current), then=Value(BedStatus.OCCUPIED)),
        When(Exists(upcoming), then=Value(BedStatus.RESERVED)),
        default=Value(BedStatus.AVAILABLE),
        output_field=CharField(),
    )
    return (
        Bed.objects.annotate(status=status)
        .select_related("room__residence")
        .order_by("room__residence__name", "room__name", "label")
    )


def residences_with_availability(membership, *, today: date):
    """`residences_with_occupancy` plus `beds_available` (beds the bed board shows as available today: in service,
    nobody in them, nobody booked to come), for the API's residences. An unevaluated Residence queryset."""
    available = beds_with_status(today=today).filter(status=BedStatus.AVAILABLE)
    return residences_with_occupancy(membership, today=today).annotate(
        beds_available=Coalesce(count_per_residence(available, "room__residence"), 0)
    )


def latest_home_id(stay):
    """A subquery: the id of the home of the stay's latest bed (`bed_of(latest=True)`'s rule: the stretch that
    started last, whatever the day), for the stay `stay` names (an OuterRef, "stay" or "pk"), to annotate or filter
    many rows in one query (the ledger's "filed under" home)."""
    latest = BedAssignment.objects.filter(stay=stay).order_by("-starts_on").values("bed__room__residence_id")[:1]
    return Subquery(latest)
