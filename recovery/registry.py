"""Hearth's extension points: one registry with fixed keys, after NetBox's `netbox/registry.py`.

A lower app owns what a key means (the home page owns its cards, the resident's record its timeline and plan
goals, `seed_demo` the demo); a feature of any app adds to a key with the decorator of that name, in a module of
that name (`dashboard.py`, `timeline.py`, `plan_goal_extras.py`, `demo.py`), which its app's `AppConfig.ready()`
imports in an explicit list. So dependencies still point one way: the owner reads the registry and imports no
feature that fills it.

Keys:
- "dashboard": `DashboardCard`s on the signed-in home page. A card's context function takes the request and
  returns the card's template context, or None when the card has nothing for this person.
- "today": `TodaySource`s, the lines of the home page's "today" card (`recovery.today`): what waits for this person
  now. A source takes the request and returns `TodayLine`s (none when nothing waits), in a fixed number of queries
  whatever the size of the houses; it runs only for the roles it names.
- "timeline": sources of the resident's timeline, `(resident, *, staff_view, membership) -> Iterable[TimelineEntry]`
  (one query per source; `membership` is the viewer's, for sensitive classes).
- "plan_goal_extras": `PlanGoalExtra`s shown under each goal of a recovery plan: `annotate(goals)` decorates the
  plan's prefetched goals in a fixed number of queries; `template` renders one goal's extra.
- "demo": `DemoSeeder`s, run by `seed_demo` in `order` for each demo organization: `seed(organization)`, safe to
  run again.
- "stay_events": what else happens when a stay starts or ends (`StayEvent`s): the homes own admission and move-out,
  and a feature that keeps something per stay (phases) answers here, inside the same transaction.
- "home_opened": what else a new home starts with (`react(*, residence) -> None`), run by the homes when a home is
  created, inside the same transaction: a feature that keeps something per home (the consequence ladder) sets up
  its defaults then, so that no page has to write them the first time somebody reads them.
- "invitation_accepted": what else an accepted invitation brings (`react(*, invitation, user) -> None`), run by the
  platform inside the acceptance's transaction and tenant scope: a feature that invites someone to something it
  owns (a resident to their own record) joins them to it then, and its InvitationProblem undoes the acceptance.
- "looks_after": ways a member looks after a resident that a higher feature owns (a coach mentoring a mentee):
  `(membership, resident) -> bool`, asked by the resident record's rules for roles without a house of their own.
- "secret_fields": fields that hold a secret vote's tally or a voter's choice (`SecretFields`), declared by the
  feature that owns the vote in its `secrecy.py`. The admin base (`recovery.admin.TenantAdmin`) refuses every
  filter that reaches one, from any admin and through any relation, and hides them on a record's page while
  `sealed(row)` says the vote is still open.
- "resident_data": the models whose rows hold a resident's record (`ResidentData`), with the path from a row to
  its resident; or a model with a path to a resident that is exempt, with the reason (`resident` None). Every
  row of such a model that a page, admin page or export loads is written to the audit log (`recovery.audit.reads`).
  Each app lists its models in its `resident_data.py`; `tests/recovery/test_audit_reads.py` fails on a model
  with a foreign-key path to a resident that is in neither list.
- "requests": every kind of thing a person asks for and someone decides (a pass, a phase move, a grievance…), as
  `RequestKind`s registered with `request_kind` from a feature's `requests.py`. `recovery.requests` owns what a
  kind must do: tell its deciders when it is made, show on their home page with its age ("Waiting for you"), and
  tell the asker when it is decided; `tests/recovery/test_requests.py` walks every kind and finds silent ones.
- "viewer_home": how to find the one home a member belongs to (`finder(membership) -> Residence | None`: a
  resident's home through their stay, a house manager's only home), owned by the homes. The request's clock
  (`recovery.middleware.TenantMiddleware`) is that home's time zone when there is one (issue 15, item 6).
- "api_routes": the REST API's resources (`ApiRoute`s), registered with `api_route` from a feature's `api.py`
  (imported by its app's `AppConfig.ready()`); `recovery/api/urls.py` builds the router at `/api/v1/` from them, and
  the isolation suite and the contract test walk them, so a lower app never imports a higher one's endpoints.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DashboardCard:
    template: str
    context: Callable
    order: int


@dataclass(frozen=True)
class TodayLine:
    """One thing waiting on a person's Today: what (`text`), how many or how old, and where to act on it."""

    text: str
    url: str
    count: int | None = None
    urgent: bool = False  # shown first and marked: someone asked for help, someone is overdue


@dataclass(frozen=True)
class TodaySource:
    lines: Callable
    roles: frozenset
    order: int
    name: str


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a resident's timeline; `at` orders entries within a day when the source knows the time."""

    on: date
    kind: str
    text: str
    at: datetime | None = None


@dataclass(frozen=True)
class PlanGoalExtra:
    annotate: Callable
    template: str


@dataclass(frozen=True)
class DemoSeeder:
    seed: Callable
    order: int
    name: str


@dataclass(frozen=True)
class StayEvent:
    event: str  # "admitted" or "moved_out"
    react: Callable


@dataclass(frozen=True)
class SecretFields:
    model: type
    fields: tuple[str, ...]
    sealed: Callable  # (row) -> bool: whether the row's values must stay hidden now


STAY_EVENTS = ("admitted", "moved_out")


@dataclass(frozen=True)
class ResidentData:
    """`model` ("app_label.ModelName") holds resident data; `resident` is the lookup path from one of its rows to
    its resident ("resident", "stay__resident"), "" for the resident model itself, None for a row about several
    residents at once (an incident names them in a many-to-many). `exempt` says why a model with a path to a
    resident is not audited as a read; an exempt model is never written down."""

    model: str
    resident: str | None
    exempt: str = ""


@dataclass(frozen=True)
class WaitingRequest:
    """One request waiting for the person who looks: what kind, since when, and where it is decided."""

    label: str
    asked_at: datetime
    url: str


@dataclass(frozen=True)
class RequestKind:
    """A kind of request. `waiting_for(membership) -> QuerySet` of `model` gives the open ones this member may decide
    (unevaluated: the "Waiting for you" card asks every kind's in one query); of each row, the field `asked_at` says
    since when it waits and the field `key` is what `url(key) -> str` needs to link where it is decided (the row's
    id, its home's, its resident's). `deciders(request) -> list[User]` says who is told when one is made; `model` is
    the model whose rows are the requests, so a test can find request-like models nobody registered."""

    name: str
    label: str
    model: type
    waiting_for: Callable
    deciders: Callable
    asked_at: str
    key: str
    url: Callable


@dataclass(frozen=True)
class ApiRoute:
    """One resource of the REST API: its URL `prefix` under /api/v1/ ("residences"), its viewset class (an
    `recovery.api.viewsets.ApiViewSet`) and the router's `basename` (URL names "api:<basename>-list", "-detail")."""

    prefix: str
    viewset: type
    basename: str


registry: dict[str, list] = {
    "api_routes": [],
    "dashboard": [],
    "today": [],
    "timeline": [],
    "plan_goal_extras": [],
    "demo": [],
    "stay_events": [],
    "looks_after": [],
    "requests": [],
    "home_opened": [],
    "secret_fields": [],
    "resident_data": [],
    "invitation_accepted": [],
    "viewer_home": [],
}


def _add(key: str, item, *, same) -> None:
    """Add `item` under `key` once (a module imported twice, as tests may, registers nothing twice)."""
    if not any(same(existing) for existing in registry[key]):
        registry[key].append(item)


def dashboard_card(template: str, *, order: int = 50) -> Callable:
    """Decorate a card's context function `(request) -> dict | None`; cards show in `order`, lowest first."""

    def register(context: Callable) -> Callable:
        _add("dashboard", DashboardCard(template, context, order), same=lambda card: card.template == template)
        registry["dashboard"].sort(key=lambda card: card.order)
        return context

    return register


def today_lines(*, roles, order: int = 50) -> Callable:
    """Decorate `lines(request) -> Iterable[TodayLine]`, asked only for members whose role is in `roles`; sources
    show in `order`, lowest first (urgent lines of any source before the rest)."""

    def register(lines: Callable) -> Callable:
        name = f"{lines.__module__}.{lines.__qualname__}"
        _add("today", TodaySource(lines, frozenset(roles), order, name), same=lambda source: source.name == name)
        registry["today"].sort(key=lambda source: source.order)
        return lines

    return register


def timeline_source(source: Callable) -> Callable:
    """Decorate a timeline source `(resident, *, staff_view, membership) -> Iterable[TimelineEntry]`."""
    name = f"{source.__module__}.{source.__qualname__}"
    _add("timeline", source, same=lambda existing: f"{existing.__module__}.{existing.__qualname__}" == name)
    return source


def plan_goal_extra(*, template: str) -> Callable:
    """Decorate `annotate(goals) -> None`, shown under each goal of a plan with `template`."""

    def register(annotate: Callable) -> Callable:
        _add("plan_goal_extras", PlanGoalExtra(annotate, template), same=lambda extra: extra.template == template)
        return annotate

    return register


def demo_seeder(*, order: int) -> Callable:
    """Decorate a feature's `seed(organization)`; `seed_demo` runs the seeders in `order`, lowest first (a later
    seeder may build on an earlier one's rows: stays before plans, plans before reviews)."""

    def register(seed: Callable) -> Callable:
        name = f"{seed.__module__}.{seed.__qualname__}"
        _add("demo", DemoSeeder(seed, order, name), same=lambda seeder: seeder.name == name)
        registry["demo"].sort(key=lambda seeder: seeder.order)
        return seed

    return register


def stay_event(event: str) -> Callable:
    """Decorate `react(*, stay) -> None`, run when a stay is admitted (after its first bed is claimed) or has moved
    out (after its bed is freed), inside that change's transaction: an error undoes the whole change."""
    if event not in STAY_EVENTS:
        raise ValueError(f"A stay event is one of {STAY_EVENTS}, not {event!r}.")

    def register(react: Callable) -> Callable:
        name = f"{react.__module__}.{react.__qualname__}"
        _add(
            "stay_events",
            StayEvent(event, react),
            same=lambda e: e.event == event and f"{e.react.__module__}.{e.react.__qualname__}" == name,
        )
        return react

    return register


def run_stay_event(event: str, *, stay) -> None:
    """Let every feature registered for `event` react to the stay (see `stay_event`)."""
    for registered in registry["stay_events"]:
        if registered.event == event:
            registered.react(stay=stay)


def looks_after(predicate: Callable) -> Callable:
    """Decorate `predicate(membership, resident) -> bool`: one more way a member looks after a resident."""
    name = f"{predicate.__module__}.{predicate.__qualname__}"
    _add("looks_after", predicate, same=lambda existing: f"{existing.__module__}.{existing.__qualname__}" == name)
    return predicate


def home_opened(react: Callable) -> Callable:
    """Decorate `react(*, residence) -> None`, run when a home is created, inside that transaction."""
    name = f"{react.__module__}.{react.__qualname__}"
    _add("home_opened", react, same=lambda existing: f"{existing.__module__}.{existing.__qualname__}" == name)
    return react


def run_home_opened(*, residence) -> None:
    """Let every feature registered for a new home set up its defaults (see `home_opened`)."""
    for react in registry["home_opened"]:
        react(residence=residence)


def viewer_home(finder: Callable) -> Callable:
    """Decorate `finder(membership) -> Residence | None`: the one home this member belongs to, or None (see the
    "viewer_home" key). Called once per request inside the member's tenant scope."""
    name = f"{finder.__module__}.{finder.__qualname__}"
    _add("viewer_home", finder, same=lambda existing: f"{existing.__module__}.{existing.__qualname__}" == name)
    return finder


def find_viewer_home(membership):
    """The one home `membership` belongs to, by the first registered finder that knows it, or None."""
    for finder in registry["viewer_home"]:
        home = finder(membership)
        if home is not None:
            return home
    return None


def secret_fields(model, *fields: str) -> Callable:
    """Decorate `sealed(row) -> bool` for `fields` of `model`, which hold a secret vote's tally or a voter's choice.

    Nobody filters, searches or sorts by them in the admin, ever (a filter such as `?yes_count=1` tells how a vote is
    going); a record's admin page shows them only when `sealed(row)` is false (the vote has closed)."""
    for name in fields:
        model._meta.get_field(name)  # a misspelt name would guard nothing: fail at start-up instead

    def register(sealed: Callable) -> Callable:
        _add(
            "secret_fields",
            SecretFields(model, tuple(fields), sealed),
            same=lambda existing: existing.model is model and existing.fields == tuple(fields),
        )
        return sealed

    return register


def resident_data(model: str, *, resident: str | None) -> None:
    """Declare that rows of `model` ("app_label.ModelName") hold resident data, reached by the path `resident`
    (see `ResidentData`): every row of it a page shows is audited."""
    _add("resident_data", ResidentData(model, resident), same=lambda entry: entry.model == model)


def not_resident_data(model: str, *, reason: str) -> None:
    """Declare that `model`, though it points at a resident, is not audited when read, and why."""
    if not reason.strip():
        raise ValueError(f"Say why {model} is not audited when read.")
    _add("resident_data", ResidentData(model, None, exempt=reason), same=lambda entry: entry.model == model)


def invitation_accepted(react: Callable) -> Callable:
    """Decorate `react(*, invitation, user) -> None`, run when an invitation is accepted, inside that transaction."""
    name = f"{react.__module__}.{react.__qualname__}"
    _add("invitation_accepted", react, same=lambda existing: f"{existing.__module__}.{existing.__qualname__}" == name)
    return react


def run_invitation_accepted(*, invitation, user) -> None:
    """Let every feature registered for an accepted invitation react (see `invitation_accepted`)."""
    for react in registry["invitation_accepted"]:
        react(invitation=invitation, user=user)


def request_kind(
    name: str, *, label: str, model: type, deciders: Callable, asked_at: str, url: Callable, key: str = "pk"
) -> Callable:
    """Decorate `waiting_for(membership) -> QuerySet` to register a kind of request (see `RequestKind`); `label` is
    generic and names nobody ("pass request"), as it goes into notification titles."""

    def register(waiting_for: Callable) -> Callable:
        kind = RequestKind(name, label, model, waiting_for, deciders, asked_at, key, url)
        _add("requests", kind, same=lambda existing: existing.name == name)
        return waiting_for

    return register


def request_kind_named(name: str) -> RequestKind:
    """The registered kind called `name`; a KeyError names the kinds there are."""
    for kind in registry["requests"]:
        if kind.name == name:
            return kind
    raise KeyError(f"No request kind {name!r}; registered: {[kind.name for kind in registry['requests']]}.")


def api_route(prefix: str, *, basename: str | None = None) -> Callable:
    """Decorate an `ApiViewSet` class to serve it at `/api/v1/<prefix>/` (URL names "api:<basename>-list" and
    "api:<basename>-detail"; `basename` defaults to `prefix`). Register from a feature's `api.py`, imported in its
    app's `AppConfig.ready()`."""

    def register(viewset: type) -> type:
        name = basename or prefix
        _add("api_routes", ApiRoute(prefix, viewset, name), same=lambda route: route.basename == name)
        return viewset

    return register
