"""Builders for the residents app: consents and recovery plans (inside the organization's scope)."""

from datetime import timedelta

from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from tests.recovery.builders import MARKER, make_member, unique
from tests.residences.builders import admit, make_home


def make_consent(
    organization,
    *,
    resident=None,
    signed=True,
    expires_in_days=180,
    classes=("test_results",),
    expiry_kind="",
    expiry_event="",
):
    """A consent of a resident of `organization` (a newly admitted one unless given), naming a probation officer.
    Signed (in person, on paper, witnessed by a new staff member) unless `signed` is False: then it waits for the
    resident's signature. It expires in `expires_in_days` (None: no date) and on the event given, if any."""
    from residents.consents import services

    if resident is None:
        home = make_home(organization, name=f"Home {unique()} {MARKER}")
        resident = admit(home, last_name=MARKER).resident
    witness = make_member(organization, Role.STAFF) if signed else None
    with tenant_scope(organization):
        consent = services.grant_consent(
            resident=resident,
            discloser=organization.name,
            information_classes=list(classes),
            information_description=f"Weekly test results {MARKER}",
            purpose="Compliance with probation",
            recipients=[("Dana Cole", f"Probation officer {MARKER}"), ("Sam Ortiz", "Case manager")],
            expires_on=organization_today() + timedelta(days=expires_in_days) if expires_in_days is not None else None,
            expiry_kind=expiry_kind,
            expiry_event=expiry_event,
        )
        if signed:
            consent = services.record_in_person_signature(consent=consent, witness=witness, method="paper")
        return consent


def make_goal(resident, *, by=None, domain="work_education", title="Find steady work"):
    """A goal in the resident's recovery plan, started if they have none (the plan is `goal.plan`)."""
    from residents.plans import services as plan_services

    with tenant_scope(resident.organization):
        plan = plan_services.start_plan(resident=resident, by=by)
        return plan_services.add_goal(plan=plan, by=by, domain=domain, title=title)
