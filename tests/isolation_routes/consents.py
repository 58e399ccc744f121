"""The consent routes, and the helper that makes a consent for them (the consents' tests use it too).

The routes are enrolled only once they are mounted in the site's URLs (in the `residents` namespace), so the
suite stays green on a branch where they are not.
"""

from datetime import timedelta

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def make_consent(organization, *, resident=None, signed=True, expires_in_days=180, classes=("test_results",)):
    """A consent of a resident of `organization` (a newly admitted one unless given), naming a probation officer."""
    from residents.consents import services

    if resident is None:
        home = make_home(organization, name=f"Home {unique()} {MARKER}")
        resident = admit(home, last_name=MARKER).resident
    with tenant_scope(organization):
        return services.grant_consent(
            resident=resident,
            discloser=organization.name,
            information_classes=list(classes),
            information_description=f"Weekly test results {MARKER}",
            purpose="Compliance with probation",
            recipients=[("Dana Cole", f"Probation officer {MARKER}"), ("Sam Ortiz", "Case manager")],
            expires_on=services.organization_today() + timedelta(days=expires_in_days),
            signed_name="Alex Rivera" if signed else "",
        )


def _resident(org):
    return {"resident_pk": make_consent(org).resident_id}


def _consent(org):
    return {"pk": make_consent(org).pk}


def _unsigned_consent(org):
    return {"pk": make_consent(org, signed=False).pk}


CONSENT_OBJECT_ROUTES = {
    "residents:consents": _resident,
    "residents:consent_new": _resident,
    "residents:consent_detail": _consent,
    "residents:consent_sign": _unsigned_consent,
    "residents:consent_revoke": _consent,
    "residents:disclose": _consent,
}


OBJECT_ROUTES = CONSENT_OBJECT_ROUTES
