"""Every clock of a home is the home's own (issue 15, item 6): where a home is at hand, the code reads the time with
`recovery.tenancy.home_today()` / `home_now()` / `home_time_zone()`, never the organization's clock; the pages a
home's people see and the times they type are on the home's clock (the tests with a database, at the end).

Read with `ast` at test time (no database): a function "has a home at hand" when it takes or assigns a name
`residence` or `home`; inside it, `organization_today(...)`, `organization_now(...)`, `<x>.organization.time_zone`
and `current_organization().time_zone` are findings, unless the function is listed in EXEMPT with the reason the
organization's clock is right there. The last test plants a small fake tree to prove the check bites.
"""

from __future__ import annotations

import ast
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from recovery.models import Role
from recovery.tenancy import tenant_scope
from tests.recovery.builders import make_member
from tests.residences.builders import make_home, manager_of, resident_with_login

REPOSITORY = Path(__file__).resolve().parent.parent
APPS = ("residences", "residents", "peer_support", "governance")
HOME_NAMES = frozenset({"residence", "home"})
ORGANIZATION_CLOCKS = frozenset({"organization_today", "organization_now"})

# (path, function) -> why the organization's clock is the right one there although a home is at hand.
EXEMPT: dict[tuple[str, str], str] = {
    ("governance/house_meetings/views.py", "meetings"): "staff's list of every home they look after (one query); "
    "a resident's own home is only found here, then redirected to its page, which uses the home's day",
    ("governance/outcomes/views.py", "_page"): "one home's outcomes read the home's day (home_today); only the "
    "page over several homes, where `residence` is None, reads the organization's",
    ("residences/applications/views.py", "admit"): "the move-in day is proposed before a home is chosen",
    ("residences/public/views.py", "availability_feed"): "one public feed over all of an organization's homes",
}


def _names_bound(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    arguments = function.args
    bound = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    for node in ast.walk(function):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.comprehension, ast.withitem)):
            targets = [getattr(node, "target", None) or getattr(node, "optional_vars", None)]
        for target in targets:
            for name in ast.walk(target) if target is not None else ():
                if isinstance(name, ast.Name):
                    bound.add(name.id)
    return bound


def _finding_the_home(function) -> set[int]:
    """Ids of the nodes inside an assignment that binds the home: the date that finds which home it is
    (`home = home_of(user=..., on=organization_today(...))`) is read before there is a home to ask."""
    inside = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(name, ast.Name) and name.id in HOME_NAMES for target in node.targets for name in ast.walk(target)
        ):
            inside.update(id(child) for child in ast.walk(node.value))
    return inside


def _clock_reads(function) -> list[tuple[int, str]]:
    found = []
    finding_the_home = _finding_the_home(function)
    for node in ast.walk(function):
        if id(node) in finding_the_home:
            continue
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ORGANIZATION_CLOCKS:
                found.append((node.lineno, f"{name}()"))
        elif isinstance(node, ast.Attribute) and node.attr == "time_zone":
            owner = node.value
            if isinstance(owner, ast.Attribute) and owner.attr == "organization":
                found.append((node.lineno, "<x>.organization.time_zone"))
            elif isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "current_organization":
                found.append((node.lineno, "current_organization().time_zone"))
    return found


def findings(root: Path, apps=APPS, exempt=EXEMPT) -> list[str]:
    """Each place under `root` where a function with a home at hand reads the organization's clock."""
    found = []
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts or path.name == "demo.py":  # demo data is dated by the organization
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for function in ast.walk(tree):
                if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                if not HOME_NAMES & _names_bound(function) or (str(relative), function.name) in exempt:
                    continue
                for line, what in _clock_reads(function):
                    found.append(f"{relative}:{line}: {function.name}() has a home at hand but reads {what}")
    return sorted(set(found))


def test_code_with_a_home_at_hand_reads_the_homes_clock():
    problems = findings(REPOSITORY)
    assert not problems, "Use recovery.tenancy.home_today()/home_now()/home_time_zone():\n" + "\n".join(problems)


def test_every_exemption_has_a_reason_and_is_still_needed():
    unexempted = findings(REPOSITORY, exempt={})
    for (path, function), reason in EXEMPT.items():
        assert reason.strip(), f"{path}:{function} needs a reason"
        assert any(f.startswith(f"{path}:") and f" {function}() " in f for f in unexempted), (path, function)


def test_the_check_finds_an_organization_clock_next_to_a_home(tmp_path):
    (tmp_path / "governance" / "chores").mkdir(parents=True)
    (tmp_path / "governance" / "chores" / "views.py").write_text(
        textwrap.dedent(
            """
            def week(request, pk):
                residence = find(pk)
                return organization_today(request.organization)

            def zone(*, home):
                return home.organization.time_zone

            def fine(request):
                return organization_today(request.organization)

            def also_fine(residence):
                return home_today(residence)

            def finds_the_home(request):
                stay, home = my_stay_and_home(request.user, today=organization_today(request.organization))
                return home_today(home)
            """
        )
    )
    problems = findings(tmp_path, apps=("governance",), exempt={})
    assert [p.split(": ", 1)[1] for p in problems] == [
        "week() has a home at hand but reads organization_today()",
        "zone() has a home at hand but reads <x>.organization.time_zone",
    ]


# --- Features whose every date belongs to a home -------------------------------------------------------------------

# The ledger (rent due, posting days, ageing), stays, house rules and operations, check-ins, passes, chores, house
# meetings, drug tests, incidents, officers, the ladder, the treasury and my house: each thing they date belongs to
# one home, so their code reads no organization clock at all, whether or not a name `home` is at hand, except the
# date that finds which home it is (as above) and the places listed in FEATURE_EXEMPT with their reason.
HOME_OWNED_FEATURES = (
    "residences/ledger",
    "residences/stays",
    "residences/house_rules",
    "residences/operations",
    "peer_support/checkins",
    "governance/passes",
    "governance/chores",
    "governance/house_meetings",
    "governance/drug_tests",
    "governance/incidents",
    "governance/officers",
    "governance/ladder",
    "governance/treasury",
    "governance/my_house",
)

FEATURE_EXEMPT: dict[tuple[str, str], str] = {
    ("residences/ledger/selectors.py", "own_stay"): "finds which stay (so which home) is the resident's own",
    ("residences/stays/selectors.py", "open_stay_of"): "finds which stay (so which home) is open, before a home",
    ("governance/house_meetings/views.py", "meetings"): EXEMPT[("governance/house_meetings/views.py", "meetings")],
    ("governance/incidents/views.py", "incident_new"): "the report's choices (who lives where) span every home the "
    "reporter looks after, before a home is chosen",
    ("governance/incidents/api.py", "create"): "the same choices as the report page, before a home is chosen",
    ("residences/stays/api.py", "get_has_ended"): "a list over many homes answers on one day without a query per "
    "stay; a stay's own moves (transfer, move-out) check its home's day in the services",
}


def feature_findings(root: Path, features=HOME_OWNED_FEATURES, exempt=FEATURE_EXEMPT) -> list[str]:
    """Each place in a home-owned feature under `root` that reads the organization's clock."""
    found = []
    for feature in features:
        for path in sorted((root / feature).rglob("*.py")):
            relative = path.relative_to(root)
            if path.name == "demo.py":  # demo data is dated by the organization
                continue
            for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                if (str(relative), function.name) in exempt:
                    continue
                for line, what in _clock_reads(function):
                    found.append(f"{relative}:{line}: {function.name}() in a home's feature reads {what}")
    return sorted(set(found))


def test_home_owned_features_read_only_the_homes_clock():
    problems = feature_findings(REPOSITORY)
    assert not problems, (
        "Use recovery.tenancy.home_today()/home_now()/viewer_today(), or list the place in FEATURE_EXEMPT with "
        "the reason the organization's clock is right there:\n" + "\n".join(problems)
    )


def test_every_feature_exemption_has_a_reason_and_is_still_needed():
    unexempted = feature_findings(REPOSITORY, exempt={})
    for (path, function), reason in FEATURE_EXEMPT.items():
        assert reason.strip(), f"{path}:{function} needs a reason"
        assert any(f.startswith(f"{path}:") and f" {function}() " in f for f in unexempted), (path, function)


def test_the_feature_check_finds_an_organization_clock_with_no_home_in_sight(tmp_path):
    (tmp_path / "governance" / "chores").mkdir(parents=True)
    (tmp_path / "governance" / "chores" / "today.py").write_text(
        textwrap.dedent(
            """
            def my_chores(request):
                return week_start(organization_today(request.organization))

            def finds_the_home(request):
                home = home_of(user=request.user, on=organization_today(request.organization))
                return home_today(home)
            """
        )
    )
    problems = feature_findings(tmp_path, features=("governance/chores",), exempt={})
    assert [p.split(": ", 1)[1] for p in problems] == ["my_chores() in a home's feature reads organization_today()"]


# --- Pages and forms: a Denver home in a New York organization (2 hours behind) -----------------------------------

DENVER = ZoneInfo("America/Denver")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def denver(harbor):
    assert harbor.time_zone == NEW_YORK
    return make_home(harbor, name="Denver House", time_zone=DENVER)


def _clock_of(client, user):
    client.force_login(user)
    return client.get(reverse("governance:pass_mine")).wsgi_request.time_zone


@pytest.mark.django_db
def test_a_residents_pages_are_on_their_homes_clock_when_it_keeps_another(client, denver):
    _stay, user = resident_with_login(denver)
    assert _clock_of(client, user) == DENVER


@pytest.mark.django_db
def test_a_manager_of_one_home_sees_its_clock_and_of_two_homes_the_organizations(client, harbor, denver):
    assert _clock_of(client, manager_of(denver)) == DENVER
    assert _clock_of(client, manager_of(denver, make_home(harbor))) == NEW_YORK


@pytest.mark.django_db
def test_an_admin_sees_the_organizations_clock(client, harbor, denver):
    assert _clock_of(client, make_member(harbor, Role.ADMIN)) == NEW_YORK


def _ask_for_a_pass(client, denver, leaves, returns):
    stay, user = resident_with_login(denver)
    client.force_login(user)
    data = {"kind": "day", "leaves_at": leaves, "returns_at": returns}
    response = client.post(reverse("governance:pass_mine"), data)
    assert response.status_code == 302, response.content.decode()
    with tenant_scope(denver.organization):
        return stay.passes.get()


@pytest.mark.django_db
def test_a_pass_back_time_is_read_on_the_homes_clock(client, denver):
    pass_ = _ask_for_a_pass(client, denver, "2027-01-10T18:00", "2027-01-10T22:00")
    assert pass_.returns_at == datetime(2027, 1, 10, 22, 0, tzinfo=DENVER)
    assert pass_.returns_at == datetime(2027, 1, 11, 5, 0, tzinfo=UTC)  # midnight in New York, not 10 p.m.


@pytest.mark.django_db
def test_a_pass_back_in_the_hour_skipped_in_spring_moves_forward_not_an_error(client, denver):
    pass_ = _ask_for_a_pass(client, denver, "2027-03-14T01:00", "2027-03-14T02:30")
    assert pass_.returns_at == datetime(2027, 3, 14, 3, 30, tzinfo=DENVER)  # 2:30 does not exist in Denver then


@pytest.mark.django_db
def test_a_pass_back_in_the_hour_repeated_in_autumn_is_its_first_occurrence(client, denver):
    pass_ = _ask_for_a_pass(client, denver, "2027-11-07T00:00", "2027-11-07T01:30")
    assert pass_.returns_at == datetime(2027, 11, 7, 7, 30, tzinfo=UTC)  # 1:30 daylight time (UTC-6), the first


@pytest.mark.django_db
def test_an_incident_typed_by_a_new_york_admin_is_on_the_homes_clock_and_named_with_its_zone(client, harbor, denver):
    from governance.incidents.models import Incident

    client.force_login(make_member(harbor, Role.ADMIN))
    data = {
        "residence": denver.pk,
        "kind": "theft",
        "severity": "medium",
        "occurred_at": "2026-11-20T21:00",
        "description": "A bike is gone",
    }
    assert client.post(reverse("governance:incident_new"), data).status_code == 302
    with tenant_scope(harbor):
        assert Incident.objects.get().occurred_at == datetime(2026, 11, 20, 21, 0, tzinfo=DENVER)
    assert "Nov 20, 9:00 p.m. MST" in client.get(reverse("governance:incident_list")).content.decode()

    client.force_login(manager_of(denver))  # on Denver's clock already: no zone named
    page = client.get(reverse("governance:incident_list")).content.decode()
    assert "Nov 20, 9:00 p.m." in page and "MST" not in page


@pytest.mark.django_db
def test_home_time_names_the_zone_only_where_it_differs_from_the_viewers(harbor, denver):
    moment = datetime(2026, 7, 4, 3, 0, tzinfo=UTC)
    template = Template('{% load clocks %}{% home_time moment home "M j, g:i a" %}')
    with tenant_scope(harbor), timezone.override(NEW_YORK):
        assert template.render(Context({"moment": moment, "home": denver})) == "Jul 3, 9:00 p.m. MDT"
        assert template.render(Context({"moment": moment, "home": None})) == "Jul 3, 11:00 p.m."
    with tenant_scope(harbor), timezone.override(DENVER):
        assert template.render(Context({"moment": moment, "home": denver})) == "Jul 3, 9:00 p.m."


@pytest.mark.django_db
def test_a_residents_day_turns_at_their_homes_midnight(client, denver, monkeypatch):
    from recovery.tenancy import viewer_today

    _stay, user = resident_with_login(denver)
    client.force_login(user)
    request = client.get(reverse("governance:pass_mine")).wsgi_request
    # 11:30 p.m. on January 10 in Denver is already 1:30 a.m. on January 11 in New York.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2027, 1, 11, 6, 30, tzinfo=UTC))
    with tenant_scope(denver.organization):
        assert viewer_today(request).isoformat() == "2027-01-10"
        request.viewer_home = None  # an admin, or a manager of several homes: the organization's day
        assert viewer_today(request).isoformat() == "2027-01-11"
