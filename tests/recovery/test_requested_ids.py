"""Every id read from a request goes through one helper (`recovery.lookups`): a malformed id a person or a stale
page posts is "not found" or a form message, never a server error (issue 14, item 8)."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from recovery.lookups import requested_id
from recovery.tenancy import tenant_scope
from tests.residences.builders import home_of_stay, manager_of, resident_stay

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ("recovery", "residences", "residents", "peer_support", "governance")
# The helpers an id from a request may be handed to.
HELPERS = {"found_or_404", "object_or_404", "requested_id"}
MALFORMED = ["abc", "", " 1", "1 ", "-1", "0", "1.0", "²", "٣", "1\x00", "9" * 19, "1e3", "0x10", None]


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_id_is_no_id(value):
    assert requested_id(value) is None


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("0042", 42), ("9" * 18, 10**18 - 1), (7, 7)])
def test_a_plain_number_is_the_id_it_names(value, expected):
    assert requested_id(value) == expected


@pytest.mark.parametrize("step_id", ["abc", "1\x00", "²", "9" * 30, "-4"])
def test_a_malformed_step_id_posted_to_the_ladder_answers_404(client, harbor, step_id):
    home = home_of_stay(resident_stay(harbor))
    client.force_login(manager_of(home))
    url = reverse("governance:ladder", kwargs={"residence_pk": home.pk})
    response = client.post(url, {"step_id": step_id, "name": "Talk with the house manager"})
    assert response.status_code == 404


def _reads_request_data(node: ast.AST) -> bool:
    """Whether `node` contains `request.POST[...]`, `request.GET[...]` or their `.get(...)` / `.getlist(...)`."""
    for inner in ast.walk(node):
        target = inner.value if isinstance(inner, ast.Subscript) else None
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr in ("get", "getlist")
        ):
            target = inner.func.value
        if isinstance(target, ast.Attribute) and target.attr in ("POST", "GET"):
            return True
    return False


def _name_of(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _raw_id_reads(path: Path) -> list[str]:
    """Calls in `path` handing an id read from the request (`pk=`, `id=`, `..._id=`) to anything but the helpers,
    `get_object_or_404` by id (a malformed id is a 500 there), and `str.isdigit()` on request data (it takes "²",
    which int() refuses)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = _name_of(node)
        id_keywords = [k for k in node.keywords if k.arg and (k.arg in ("pk", "id") or k.arg.endswith(("_id", "__pk")))]
        if name == "get_object_or_404" and id_keywords:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} get_object_or_404 (use found_or_404)")
        elif name == "isdigit" and _reads_request_data(node.func):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} isdigit() on request data (use requested_id)")
        elif name not in HELPERS:
            for keyword in id_keywords:
                if _reads_request_data(keyword.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}({keyword.arg}=<request data>)")
    return found


def test_no_view_or_form_reads_an_id_from_the_request_around_the_helpers():
    files = [path for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]
    files.remove(ROOT / "recovery" / "lookups.py")  # the helpers themselves
    found = [problem for path in files for problem in _raw_id_reads(path)]
    assert not found, "ids read from a request must go through recovery.lookups:\n" + "\n".join(found)


def test_the_scan_finds_a_raw_id_read():
    """The scan itself bites: the ladder's read before issue 14 is caught."""
    source = (
        'step = get_object_or_404(Step, pk=request.POST["step_id"])\nx = Pass.objects.filter(pk=request.GET.get("p"))'
    )
    probe = ROOT / "var" / "probe_views.py"
    probe.parent.mkdir(exist_ok=True)
    probe.write_text(source)
    try:
        assert len(_raw_id_reads(probe)) == 2
    finally:
        probe.unlink()


@pytest.mark.parametrize("field", ["single", "multiple"])
def test_a_posted_key_too_large_for_the_database_is_an_invalid_choice_not_a_500(harbor, field):
    from django import forms

    from residences.models import Residence

    with tenant_scope(harbor):
        choices = Residence.objects.all()
        if field == "single":
            form = type("F", (forms.Form,), {"home": forms.ModelChoiceField(queryset=choices)})(
                {"home": "99999999999999999999"}
            )
        else:
            form = type("F", (forms.Form,), {"home": forms.ModelMultipleChoiceField(queryset=choices)})(
                {"home": ["99999999999999999999"]}
            )
        assert not form.is_valid() and "home" in form.errors
