"""The code layout holds: imports point down the layers, features meet only through selectors and services.

These tests read the source with `ast` at test time (no Django app loading, no database), so they check
whatever tree is on disk. The rules are the constants below; the checking functions take the repository
root as an argument, and the last tests plant a small fake tree in `tmp_path` to prove each check bites.

1. Every import of one of the apps goes to the importer's own layer or a lower one: `import x`,
   `from x import y`, relative imports resolved against the importer's package, and string imports
   (`importlib.import_module("x")`, `include("x")`, ...), at module level or inside a function.
   Nothing is exempt: the demo seeder iterates a registry like everyone else.
2. The layer graph derived from those imports has no cycle.
3. A feature (the folder directly under an app) never imports another feature's `views` or `forms`, nor
   takes a private name from outside its own folder (`from x import _name`, or `x._name` on an imported
   module). An app's top-level modules are its wiring and count as one unit; they may import any feature's
   urls, admin, models, rules and tasks, but not its views or forms.
4. Only `recovery/` defines a clock helper (`organization_today()` / `organization_now()` live there).
5. No formatter escape comments (``fmt: skip`` / ``fmt: off``) in the apps or the tests.
6. The app-level models, admin, rules and tasks modules re-export explicitly: no star import.

Migrations are never scanned; tests are scanned only by rule 5.
"""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
from collections import defaultdict, deque
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent

# --- The rules, as data ------------------------------------------------------------------------------------

# Layers, lowest first: a module may import only from its own layer or a lower one. A module belongs to the
# layer that is the longest dotted prefix of its name, so `residents.profiles.models` (the Resident, the
# person) sits below `residences` (a stay is a resident in a bed), while the rest of residents, profile pages
# included, sits above it (they show where a resident lives).
LAYERS = ("recovery", "residents.profiles.models", "residences", "residents", "peer_support", "governance")

# The project's own wiring: the root URLconf includes every app's urls, as INSTALLED_APPS names every app. It is
# exempt from the layer rule (1, 2) only; it still may not reach into a feature's views or forms.
PROJECT_WIRING = frozenset({"recovery.urls"})

# Pages that compose several features (DESIGN: "a page that composes several features is its own folder above
# them"). They render those features' input, so they may use their forms; never their views or private names.
COMPOSING_PAGES = frozenset({("peer_support", "today"), ("governance", "my_house"), ("governance", "accountability")})

# The apps whose folders are scanned: the first name of every layer.
APPS = tuple(dict.fromkeys(layer.split(".")[0] for layer in LAYERS))

# Folders never read: generated migrations and byte-code.
SKIPPED_FOLDERS = frozenset({"migrations", "__pycache__"})

# An app's own modules that wire its features together (what Django, django-rules and Celery import). A
# folder of one of these names directly under an app is that module grown into a package, not a feature.
WIRING_MODULES = frozenset({"apps", "models", "admin", "rules", "tasks", "urls"})

# Wiring modules that must name what they re-export: no `from x import *`.
EXPLICIT_REEXPORT_MODULES = ("models", "admin", "rules", "tasks")

# Modules a feature keeps to itself: nothing outside the feature's folder imports them.
FEATURE_OWN_MODULES = frozenset({"views", "forms"})

# Calls whose first argument, a string literal, names something to import.
STRING_IMPORT_CALLS = frozenset({"import_module", "include", "import_string", "__import__"})

# The package that owns the clock; nothing outside it defines a clock helper.
CLOCK_HOME = "recovery"

# A clock helper's name (fully matched). Chosen from today's tree: _today, today_for, local_today, _home_today;
# plus the names the clock has or might be copied under. `out_now` (who is out on a pass) is not a clock.
CLOCK_HELPER_NAME = re.compile(
    r"\w*_today|today_(?:in|for|at|of)\w*|_now|\w*(?:organization|local|house|home)_now",
)

# Folders searched for formatter escape comments, and the comment that escapes the formatter.
FORMATTER_ESCAPE_FOLDERS = (*APPS, "tests")
FORMATTER_ESCAPE = re.compile(r"#\s*fmt:\s*(?:skip|off)\b")


# --- Reading the tree --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One Python file: its path relative to the root, its dotted module name and package, its syntax tree."""

    path: Path
    module: str
    package: str
    tree: ast.Module


@dataclass(frozen=True)
class Import:
    """One imported name: who imports it, where, what it resolves to, and how it reads in the source."""

    path: Path
    line: int
    importer: str
    target: str
    statement: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.statement}"


@dataclass(frozen=True)
class Finding:
    """A rule broken at one place."""

    path: Path
    line: int
    what: str
    why: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}" + (f"  -- {self.why}" if self.why else "")


def python_files(root: Path, folders) -> list[Path]:
    """Every .py file under the given top-level folders of `root`, relative to it, skipping SKIPPED_FOLDERS."""
    found = []
    for folder in folders:
        for path in (root / folder).rglob("*.py"):
            relative = path.relative_to(root)
            if not SKIPPED_FOLDERS.intersection(relative.parts[:-1]):
                found.append(relative)
    return sorted(found)


@cache
def sources(root: Path) -> tuple[Source, ...]:
    """Parse every module of the apps under `root` once per root."""
    parsed = []
    for path in python_files(root, APPS):
        parts = path.with_suffix("").parts
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        package = module if is_package else ".".join(parts[:-1])
        tree = ast.parse((root / path).read_text(encoding="utf-8"), filename=str(path))
        parsed.append(Source(path=path, module=module, package=package, tree=tree))
    return tuple(parsed)


def is_module(root: Path, dotted: str) -> bool:
    """Whether `dotted` names a module or package in the tree."""
    base = root.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or base.is_dir()


def layer_of(dotted: str) -> str | None:
    """The layer a module (or a name in it) belongs to: the longest matching prefix in LAYERS, or None."""
    matching = [layer for layer in LAYERS if dotted == layer or dotted.startswith(f"{layer}.")]
    return max(matching, key=len, default=None)


def unit_of_file(path: Path) -> tuple[str, str | None]:
    """(app, feature) for a file; feature is None for the app's own top-level (wiring) modules."""
    parts = path.parts
    if len(parts) >= 3 and parts[1] not in WIRING_MODULES:
        return parts[0], parts[1]
    return parts[0], None


def unit_of_module(root: Path, dotted: str) -> tuple[str, str | None]:
    """(app, feature) for a dotted name, looking at the tree to tell a feature folder from a module."""
    parts = dotted.split(".")
    if len(parts) < 2 or parts[1] in WIRING_MODULES:
        return parts[0], None
    if (root / parts[0] / parts[1]).is_dir():
        return parts[0], parts[1]
    if (root / parts[0] / f"{parts[1]}.py").is_file():
        return parts[0], None
    return parts[0], parts[1] if len(parts) >= 3 else None


def resolve_relative(package: str, level: int, name: str | None) -> str | None:
    """The absolute name of `from <level dots><name> import ...` written in `package`."""
    parts = package.split(".")
    if level > len(parts):
        return None
    base = parts[: len(parts) - level + 1]
    return ".".join([*base, name] if name else base)


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _string_argument(call: ast.Call) -> str | None:
    """The literal module name a string-import call names, or None when it is not a literal."""
    if not call.args:
        return None
    first = call.args[0]
    if isinstance(first, ast.Tuple | ast.List) and first.elts:  # include(("app.urls", "namespace"))
        first = first.elts[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def _imports_in(source: Source) -> list[Import]:
    """Every import in one module, wherever it is written; targets are absolute dotted names."""
    found = []

    def add(node: ast.AST, target: str | None, statement: str) -> None:
        if target and target.split(".")[0] in APPS:
            found.append(Import(source.path, node.lineno, source.module, target, statement))

    for node in ast.walk(source.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(node, alias.name, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            base = resolve_relative(source.package, node.level, node.module) if node.level else node.module
            written = "." * node.level + (node.module or "")
            for alias in node.names:
                target = base if alias.name == "*" or base is None else f"{base}.{alias.name}"
                add(node, target, f"from {written} import {alias.name}")
        elif isinstance(node, ast.Call) and _call_name(node) in STRING_IMPORT_CALLS:
            literal = _string_argument(node)
            if literal is None:
                continue
            dots = len(literal) - len(literal.lstrip("."))
            target = resolve_relative(source.package, dots, literal[dots:] or None) if dots else literal
            add(node, target, f'{_call_name(node)}("{literal}")')
    return found


def _private_attributes_in(root: Path, source: Source) -> list[Import]:
    """Uses of `module._name` where `module` was imported from one of the apps."""
    bound = {}
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    bound[top] = top
        elif isinstance(node, ast.ImportFrom):
            base = resolve_relative(source.package, node.level, node.module) if node.level else node.module
            for alias in node.names:
                if base and alias.name != "*" and is_module(root, f"{base}.{alias.name}"):
                    bound[alias.asname or alias.name] = f"{base}.{alias.name}"
    found = []
    for node in ast.walk(source.tree):
        if not (isinstance(node, ast.Attribute) and _is_private(node.attr)):
            continue
        chain = _dotted(node.value)
        if not chain or chain.split(".")[0] not in bound:
            continue
        head, _, rest = chain.partition(".")
        owner = f"{bound[head]}.{rest}" if rest else bound[head]
        if owner.split(".")[0] in APPS and is_module(root, owner):
            found.append(Import(source.path, node.lineno, source.module, f"{owner}.{node.attr}", ast.unparse(node)))
    return found


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        value = _dotted(node.value)
        return f"{value}.{node.attr}" if value else None
    return None


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@cache
def imports(root: Path) -> tuple[Import, ...]:
    """Every import of one of the apps, made by a module of the apps under `root`."""
    return tuple(found for source in sources(root) for found in _imports_in(source))


# --- The checks --------------------------------------------------------------------------------------------


def upward_imports(root: Path) -> list[Finding]:
    """Rule 1: imports from a module to a higher layer than its own."""
    order = {layer: index for index, layer in enumerate(LAYERS)}
    findings = []
    for found in imports(root):
        if found.importer in PROJECT_WIRING:
            continue
        source_layer, target_layer = layer_of(found.importer), layer_of(found.target)
        if source_layer and target_layer and order[target_layer] > order[source_layer]:
            why = f"layer {source_layer} imports higher layer {target_layer}"
            findings.append(Finding(found.path, found.line, found.statement, why))
    return findings


def layer_graph(root: Path) -> dict[str, dict[str, list[Import]]]:
    """Which layer imports which, with the imports that make each edge."""
    graph: dict[str, dict[str, list[Import]]] = {layer: defaultdict(list) for layer in LAYERS}
    for found in imports(root):
        if found.importer in PROJECT_WIRING:
            continue
        source_layer, target_layer = layer_of(found.importer), layer_of(found.target)
        if source_layer and target_layer and source_layer != target_layer:
            graph[source_layer][target_layer].append(found)
    return graph


def layer_cycles(root: Path) -> list[str]:
    """Rule 2: one description per group of layers that import each other in a cycle (a strongly connected
    component of the layer graph): its shortest cycle and every edge inside it, with a count and an example."""
    graph = layer_graph(root)
    reach = {layer: _reachable(graph, layer) for layer in LAYERS}
    seen: set[str] = set()
    reports = []
    for layer in LAYERS:
        group = [other for other in LAYERS if other in reach[layer] and layer in reach[other]]
        if layer in seen or len(group) < 2:
            continue
        seen.update(group)
        cycle = min((_shortest_cycle(graph, start, set(group)) for start in group), key=len)
        lines = [f"layers {', '.join(group)} import each other; shortest cycle: {' -> '.join(cycle)}"]
        for source_layer in group:
            for target_layer in group:
                edge = graph[source_layer].get(target_layer)
                if edge:
                    upward = " (upward)" if LAYERS.index(target_layer) > LAYERS.index(source_layer) else ""
                    count = f"{len(edge)} import(s){upward}"
                    lines.append(f"    {source_layer} -> {target_layer}: {count}, e.g. {edge[0]}")
        reports.append("\n".join(lines))
    return reports


def _reachable(graph, start: str) -> set[str]:
    found, todo = set(), [start]
    while todo:
        for target in graph[todo.pop()]:
            if target not in found:
                found.add(target)
                todo.append(target)
    return found


def _shortest_cycle(graph, start: str, group: set[str]) -> list[str]:
    paths = deque([[start]])
    while paths:
        path = paths.popleft()
        for target in graph[path[-1]]:
            if target == start:
                return [*path, start]
            if target in group and target not in path:
                paths.append([*path, target])
    return [start]


def feature_breaches(root: Path) -> list[Finding]:
    """Rule 3: imports of another feature's views or forms, and private names taken from outside one's feature."""
    private_uses = (found for source in sources(root) for found in _private_attributes_in(root, source))
    findings = []
    for found in (*imports(root), *private_uses):
        importer_unit = unit_of_file(found.path)
        target_unit = unit_of_module(root, found.target)
        if importer_unit == target_unit:
            continue
        parts = found.target.split(".")[1:]
        where = f"of {_unit_label(target_unit)}, used in {_unit_label(importer_unit)}"
        if FEATURE_OWN_MODULES.intersection(parts):
            kind = next(part for part in parts if part in FEATURE_OWN_MODULES)
            if kind == "forms" and importer_unit in COMPOSING_PAGES:
                continue
            findings.append(Finding(found.path, found.line, found.statement, f"{kind} {where}"))
        elif any(_is_private(part) for part in parts):
            findings.append(Finding(found.path, found.line, found.statement, f"private name {where}"))
    return sorted(set(findings), key=lambda finding: (finding.path, finding.line, finding.what))


def _unit_label(unit: tuple[str, str | None]) -> str:
    app, feature = unit
    return f"{app}/{feature}/" if feature else f"{app}/ (app level)"


def clock_helpers(root: Path) -> list[Finding]:
    """Rule 4: functions (top level, nested or methods) outside CLOCK_HOME whose name makes them a clock."""
    findings = []
    for source in sources(root):
        if source.module == CLOCK_HOME or source.module.startswith(f"{CLOCK_HOME}."):
            continue
        for node in ast.walk(source.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [node.name]
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
                names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            else:
                continue
            for name in names:
                if CLOCK_HELPER_NAME.fullmatch(name):
                    findings.append(Finding(source.path, node.lineno, f"def {name}"))
    return findings


def formatter_escapes(root: Path) -> list[Finding]:
    """Rule 5: comments that switch the formatter off, in the apps and the tests (comments only, not strings)."""
    findings = []
    for path in python_files(root, FORMATTER_ESCAPE_FOLDERS):
        readline = io.StringIO((root / path).read_text(encoding="utf-8")).readline
        for token in tokenize.generate_tokens(readline):
            if token.type == tokenize.COMMENT and FORMATTER_ESCAPE.search(token.string):
                findings.append(Finding(path, token.start[0], token.string))
    return findings


def star_reexports(root: Path) -> list[Finding]:
    """Rule 6: star imports in an app-level models/admin/rules/tasks module (or its package's __init__)."""
    wanted = {Path(app, f"{name}.py") for app in APPS for name in EXPLICIT_REEXPORT_MODULES}
    wanted |= {Path(app, name, "__init__.py") for app in APPS for name in EXPLICIT_REEXPORT_MODULES}
    findings = []
    for source in sources(root):
        if source.path not in wanted:
            continue
        for node in ast.walk(source.tree):
            if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names):
                statement = f"from {'.' * node.level}{node.module or ''} import *"
                findings.append(Finding(source.path, node.lineno, statement))
    return findings


def _fail(rule: str, findings) -> None:
    if findings:
        listed = "\n".join(f"  {finding}" for finding in findings)
        pytest.fail(f"{rule} -- {len(findings)} found:\n{listed}", pytrace=False)


# --- The rules, on this repository -------------------------------------------------------------------------


def test_no_module_imports_from_a_higher_layer():
    _fail(f"Imports must go to the same or a lower layer ({' < '.join(LAYERS)})", upward_imports(REPOSITORY))


def test_layers_import_each_other_without_a_cycle():
    _fail("The layer graph must have no cycle", layer_cycles(REPOSITORY))


def test_features_use_each_other_only_through_selectors_and_services():
    _fail("A feature never imports another's views or forms, nor a private name", feature_breaches(REPOSITORY))


def test_only_recovery_defines_a_clock_helper():
    rule = f"Only {CLOCK_HOME}/ defines a clock helper; use {CLOCK_HOME}.tenancy.organization_today() / _now()"
    _fail(rule, clock_helpers(REPOSITORY))


def test_no_formatter_escape_comments_in_the_apps_or_tests():
    rule = "The formatter is never switched off; where a wrapped line reads badly, name an intermediate value"
    _fail(rule, formatter_escapes(REPOSITORY))


def test_app_level_wiring_modules_re_export_without_star_imports():
    rule = "App-level models/admin/rules/tasks re-export by name (`from .passes.models import Pass, SignOut`)"
    _fail(rule, star_reexports(REPOSITORY))


# --- The checker bites: planted trees ----------------------------------------------------------------------


def plant(root: Path, files: dict[str, str]) -> Path:
    """Write a fake tree of the apps under `root`, with an __init__.py in every folder."""
    for app in APPS:
        (root / app).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for folder in [root / app for app in APPS] + [path for path in root.rglob("*") if path.is_dir()]:
        (folder / "__init__.py").touch()
    return root


def _whats(findings) -> list[str]:
    return [f"{finding.path.as_posix()}:{finding.line}: {finding.what}" for finding in findings]


def test_checker_reports_an_upward_import_planted_inside_a_function(tmp_path):
    root = plant(
        tmp_path,
        {
            "residences/x.py": """
                def count_passes():
                    from governance.passes import services

                    return services
            """,
        },
    )
    assert _whats(upward_imports(root)) == ["residences/x.py:3: from governance.passes import services"]


def test_checker_resolves_relative_imports_string_imports_and_the_longest_layer_prefix(tmp_path):
    root = plant(
        tmp_path,
        {
            "residents/profiles/models.py": "from ..consents import models\n",
            "residences/homes/selectors.py": "from residents.profiles.models import Resident\n",
            "residences/homes/services.py": "from residents.models import Resident\n",
            "residences/urls.py": 'from django.urls import include\nurls = [include("peer_support.urls")]\n',
            "recovery/management/commands/seed_demo.py": (
                'import importlib\nimportlib.import_module("governance.passes.demo")\n'
            ),
        },
    )
    assert _whats(upward_imports(root)) == [
        'recovery/management/commands/seed_demo.py:2: import_module("governance.passes.demo")',
        "residences/homes/services.py:1: from residents.models import Resident",
        'residences/urls.py:2: include("peer_support.urls")',
        "residents/profiles/models.py:1: from ..consents import models",
    ]


def test_checker_reports_a_cycle_between_layers(tmp_path):
    root = plant(
        tmp_path,
        {
            "residences/homes/selectors.py": "from peer_support.today import selectors\n",
            "peer_support/today/selectors.py": "from governance.passes import selectors\n",
            "governance/passes/selectors.py": "from residences.homes import selectors\n",
        },
    )
    (report,) = layer_cycles(root)
    assert "shortest cycle: residences -> peer_support -> governance -> residences" in report
    assert "residences/homes/selectors.py:1: from peer_support.today import selectors" in report


def test_checker_reports_another_features_views_forms_and_private_names(tmp_path):
    root = plant(
        tmp_path,
        {
            "governance/chores/views.py": "def board(request): ...\n",
            "governance/chores/forms.py": "class ChoreForm: ...\n",
            "governance/chores/selectors.py": "def _week(): ...\ndef roster(): ...\n",
            "governance/passes/views.py": """
                from governance.chores import selectors
                from governance.chores.forms import ChoreForm
                from governance.chores.selectors import _week, roster

                from . import forms
                from .forms import _clean_window


                def page(request):
                    from ..chores import views

                    return selectors._week(), views.board(request), roster, ChoreForm, forms
            """,
            "governance/passes/forms.py": "def _clean_window(): ...\n",
            "governance/passes/urls.py": "from . import views\n",
            "governance/urls.py": 'from django.urls import include\nurls = [include("governance.passes.urls")]\n',
            "governance/admin.py": "from .chores import selectors\nfrom .passes import urls\n",
        },
    )
    assert _whats(feature_breaches(root)) == [
        "governance/passes/views.py:3: from governance.chores.forms import ChoreForm",
        "governance/passes/views.py:4: from governance.chores.selectors import _week",
        "governance/passes/views.py:11: from ..chores import views",
        "governance/passes/views.py:13: selectors._week",
    ]


def test_checker_reports_clock_helpers_outside_recovery(tmp_path):
    root = plant(
        tmp_path,
        {
            "recovery/tenancy.py": "def organization_today(): ...\ndef organization_now(): ...\n",
            "residences/homes/selectors.py": """
                def house_today(residence): ...


                def out_now(residence):
                    def _now():
                        return None

                    return _now()


                class Board:
                    def today_for(self, request): ...
            """,
            "peer_support/today/views.py": "def today(request): ...\n",
        },
    )
    assert _whats(clock_helpers(root)) == [
        "residences/homes/selectors.py:2: def house_today",
        "residences/homes/selectors.py:6: def _now",
        "residences/homes/selectors.py:13: def today_for",
    ]


def test_checker_reports_formatter_escapes_but_not_strings_that_mention_them(tmp_path):
    marker = "# fmt" + ": skip"
    root = plant(
        tmp_path,
        {
            "governance/passes/services.py": f'"""Naming {marker} in a string is no marker."""\nX = 1  {marker}\n',
            "tests/test_passes.py": "# fmt" + ": off\nY = 2\n",
        },
    )
    assert _whats(formatter_escapes(root)) == [
        f"governance/passes/services.py:2: {marker}",
        "tests/test_passes.py:1: # fmt" + ": off",
    ]


def test_checker_reports_star_imports_in_app_level_wiring_only(tmp_path):
    root = plant(
        tmp_path,
        {
            "governance/models.py": "from .passes.models import *\nfrom .chores.models import Chore\n",
            "governance/passes/models.py": "from .parts import *\n",
            "residences/admin/__init__.py": "from ..homes.admin import *\n",
        },
    )
    assert _whats(star_reexports(root)) == [
        "governance/models.py:1: from .passes.models import *",
        "residences/admin/__init__.py:1: from ..homes.admin import *",
    ]


def test_checker_finds_nothing_in_a_tree_that_keeps_the_rules(tmp_path):
    root = plant(
        tmp_path,
        {
            "recovery/tenancy.py": "def organization_today(): ...\n",
            "residents/profiles/models.py": "from recovery.tenancy import organization_today\n",
            "residences/homes/selectors.py": "from residents.profiles.models import Resident\n",
            "residents/consents/services.py": "from residences.homes import selectors\n",
            "peer_support/today/selectors.py": "from residents.consents import services\n",
            "governance/passes/urls.py": "from . import views\n",
            "governance/passes/views.py": "from peer_support.today import selectors\nfrom .forms import _window\n",
            "governance/passes/forms.py": "def _window(): ...\n",
            "governance/models.py": "from .passes.models import Pass\n",
            "governance/urls.py": 'from django.urls import include\nurls = [include("governance.passes.urls")]\n',
        },
    )
    checks = (upward_imports, layer_cycles, feature_breaches, clock_helpers, formatter_escapes, star_reexports)
    assert {check.__name__: check(root) for check in checks} == {check.__name__: [] for check in checks}


def test_checker_lets_the_root_urlconf_include_every_app_but_no_other_recovery_module(tmp_path):
    root = plant(
        tmp_path,
        {
            "recovery/urls.py": 'from django.urls import include\nurls = [include("governance.urls")]\n',
            "recovery/views.py": 'from django.urls import include\nurls = [include("governance.urls")]\n',
        },
    )
    assert _whats(upward_imports(root)) == ['recovery/views.py:2: include("governance.urls")']


def test_checker_lets_a_composing_page_use_a_features_forms_but_not_its_views(tmp_path):
    root = plant(
        tmp_path,
        {
            "peer_support/today/views.py": (
                "from peer_support.checkins.forms import CheckInForm\nfrom peer_support.checkins.views import page\n"
            ),
            "peer_support/mentorships/views.py": "from peer_support.checkins.forms import CheckInForm\n",
        },
    )
    assert _whats(feature_breaches(root)) == [
        "peer_support/mentorships/views.py:1: from peer_support.checkins.forms import CheckInForm",
        "peer_support/today/views.py:2: from peer_support.checkins.views import page",
    ]
