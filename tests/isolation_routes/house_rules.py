"""The house rules' routes (residences/house_rules/urls.py): a home's rules, publishing them, acknowledging them."""

from datetime import date

from recovery.tenancy import tenant_scope
from residences.models import HouseRuleVersion
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import make_home


def _residence(organization):
    return make_home(organization, name=f"{MARKER} home {unique()}", beds=())


def _residence_kwargs(organization):
    return {"residence_pk": _residence(organization).pk}


def _rule_version(organization):
    residence = _residence(organization)
    with tenant_scope(organization):
        return {
            "pk": HouseRuleVersion.objects.create(
                residence=residence,
                version=1,
                text=MARKER,
                effective_on=date(2024, 1, 1),
                published_at="2024-01-01T00:00:00Z",
            ).pk
        }


OBJECT_ROUTES = {
    "residences:house_rules": _residence_kwargs,
    "residences:publish_rules": _residence_kwargs,
    "residences:acknowledge_rules": _rule_version,
}
