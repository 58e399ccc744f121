"""Every clock of a home is the home's own (issue 15, item 6): where a home is at hand, the code reads the time with
`recovery.tenancy.home_today()` / `home_now()` / `home_time_zone()`, never the organization's clock.

Read with `ast` at test time (no database): a function "has a home at hand" when it takes or assigns a name
`residence` or `home`; inside it, `organization_today(...)`, `organization_now(...)`, `<x>.organization.time_zone`
and `current_organization().time_zone` are findings, unless the function is listed in EXEMPT with the reason the
organization's clock is right there. The last test plants a small fake tree to prove the check bites.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

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
    ("governance/incidents/views.py", "_report_choices"): "the date only picks who lives where, across homes",
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
