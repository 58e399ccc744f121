"""The REST API's routes (recovery/api/urls.py, built from the registry's "api_routes"): the API part of
tests/test_isolation.py enrols every registered route by itself and asks another organization's token for each
object, so a resource is taught here once: API_OBJECTS maps its router basename to a function(organization)
returning the id of a fresh object of that organization (with MARKER in what it shows, where it shows text)."""


def _organization(org):
    return org.pk


API_OBJECTS = {
    "organizations": _organization,
}

NOT_TENANT_ROUTES = {
    "api:": "the REST API: enrolled from the registry by test_isolation's API tests (API_OBJECTS here)",
}


def _residence(org):
    from tests.recovery.builders import MARKER, unique
    from tests.residences.builders import make_home

    return make_home(org, name=f"{MARKER} {unique()}").pk


def _bed(org):
    from tests.recovery.builders import MARKER, unique
    from tests.residences.builders import beds_of, make_home

    return beds_of(make_home(org, name=f"{MARKER} {unique()}"))[0].pk


def _ledger_entry(org):
    from datetime import timedelta
    from decimal import Decimal

    from recovery.tenancy import organization_today, tenant_scope
    from residences.ledger import services as ledger
    from tests.recovery.builders import MARKER
    from tests.residences.builders import make_stay

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        posted_on = organization_today() - timedelta(days=2)
        entry = ledger.post_charge(
            stay=stay, category="fee", amount=Decimal("10.00"), posted_on=posted_on, description=MARKER
        )
    return entry.pk


API_OBJECTS.update({"residences": _residence, "beds": _bed, "ledger-entries": _ledger_entry})


def _token(org):
    from recovery.models import Role
    from tests.api.builders import make_token
    from tests.recovery.builders import make_member

    user = make_member(org, Role.RESIDENT)
    make_token(user, org)
    from recovery.api.models import ApiToken
    from recovery.tenancy import tenant_scope

    with tenant_scope(org):
        return {"pk": ApiToken.objects.get(user=user).pk}


OBJECT_ROUTES = {"recovery:api_token_revoke": _token}
