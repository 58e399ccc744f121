"""The outcomes routes (governance/outcomes/urls.py): one home's outcomes."""

from tests.isolation_routes.homes import _home

OBJECT_ROUTES = {
    "governance:home_outcomes": lambda org: {"residence_pk": _home(org)["pk"]},
}
