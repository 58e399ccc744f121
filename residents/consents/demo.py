"""Demo consents: for every resident with a stay, one consent to report test results to a probation officer,
signed in person on paper before the organization's admin (with a few disclosures under it), and one that has
expired. Safe to run again: a resident who already has a consent is left as they are. Without an admin to
witness the signatures, no consent is seeded."""

from datetime import timedelta

from django.utils import timezone

from recovery.audit.recorder import acting_as, command_actor
from recovery.models import Membership, Role
from recovery.registry import demo_seeder
from recovery.tenancy import organization_today, tenant_scope
from residents.consents import services
from residents.consents.models import Consent, ConsentRecipient, DisclosureChannel, InPersonMethod, SignatureMethod
from residents.models import Resident
from residents.sensitivity import InfoClass

DISCLOSURES = [(70, DisclosureChannel.REPORT), (42, DisclosureChannel.REPORT), (14, DisclosureChannel.PRINT)]


@demo_seeder(order=21)
def seed(organization, spec=None) -> None:
    with tenant_scope(organization), acting_as(command_actor("seed_demo")):
        today = organization_today()
        membership = Membership.objects.filter(role=Role.ADMIN, is_active=True).select_related("user").first()
        if membership is None:
            return
        by = membership.user
        residents = Resident.objects.filter(stays__isnull=False, consents__isnull=True).distinct().order_by("pk")
        for index, resident in enumerate(residents):
            _seed_resident(resident, organization=organization, today=today, by=by, county=index % 2)


def _seed_resident(resident, *, organization, today, by, county) -> None:
    now = timezone.now()
    probation = services.grant_consent(
        resident=resident,
        discloser=organization.name,
        information_classes=[InfoClass.TEST_RESULTS, InfoClass.INCIDENTS],
        information_description="Results of drug and alcohol tests, and incident reports, while living here",
        purpose="Reporting compliance with the terms of probation",
        recipients=[
            ("Officer Dana Cole" if county else "Officer Lee Grant", "Probation officer, County Probation"),
            ("Sam Ortiz", "Case manager, Reentry Services"),
        ],
        expires_on=today + timedelta(days=180),
        expiry_event="the end of probation",
        by=by,
    )
    services.record_in_person_signature(
        consent=probation, witness=by, method=InPersonMethod.PAPER, now=now - timedelta(days=90)
    )
    officer = probation.recipients.order_by("pk").first()
    for days_ago, channel in DISCLOSURES:
        services.disclose(
            consent_recipient=officer,
            info_classes=[InfoClass.TEST_RESULTS],
            channel=channel,
            description="Monthly test results report",
            event_not_happened=True,
            now=now - timedelta(days=days_ago),
            by=by,
        )
    # Back-dated on purpose (the service refuses an expiry already passed): it shows how an expired one reads.
    expired = Consent.objects.create(
        resident=resident,
        discloser=organization.name,
        information_classes=[InfoClass.MEDICATION],
        information_description="Current medication list",
        purpose="Coordinating care at intake",
        expires_on=today - timedelta(days=30),
        signed_at=now - timedelta(days=120),
        signature_method=SignatureMethod.IN_PERSON,
        in_person_method=InPersonMethod.PAPER,
        witnessed_by=by,
        created_by=by,
    )
    ConsentRecipient.objects.create(consent=expired, name="Harbor Clinic", role="Primary care")
