"""House rules, house operations and compliance routes (residences/{house_rules,operations,compliance}/urls.py).

The routes live in the `residences` namespace (residences/urls.py includes each feature's urls).
"""

from datetime import date

from django.core.files.base import ContentFile

from recovery.tenancy import tenant_scope
from residences.compliance.models import ComplianceDomain
from residences.models import (
    ComplianceItem,
    HouseCheck,
    HouseRuleVersion,
    MaintenanceRequest,
    NeighborComplaint,
)
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import PDF_BYTES, make_home

# --- Objects of organization A for the isolation suite ---------------------------------------------------------


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


def _house_check(organization):
    residence = _residence(organization)
    with tenant_scope(organization):
        return {
            "pk": HouseCheck.objects.create(residence=residence, checked_at="2024-01-01T00:00:00Z", notes=MARKER).pk
        }


def _maintenance_request(organization):
    residence = _residence(organization)
    with tenant_scope(organization):
        return {
            "pk": MaintenanceRequest.objects.create(
                residence=residence, description=MARKER, reported_at="2024-01-01T00:00:00Z"
            ).pk
        }


def _neighbor_complaint(organization):
    residence = _residence(organization)
    with tenant_scope(organization):
        return {
            "pk": NeighborComplaint.objects.create(
                residence=residence, received_on=date(2024, 1, 1), from_name=MARKER, summary=MARKER
            ).pk
        }


def _compliance_item(organization, *, with_document=False):
    residence = _residence(organization)
    with tenant_scope(organization):
        item = ComplianceItem(
            residence=residence,
            code="ADM-01",
            domain=ComplianceDomain.ADMINISTRATIVE,
            requirement=MARKER,
            min_level=1,
            evidence_notes=MARKER,
        )
        if with_document:
            item.document_name = f"{MARKER}.pdf"
            item.organization = organization
            item.document.save("evidence.pdf", ContentFile(PDF_BYTES), save=False)
        item.save()
        return {"pk": item.pk}


ROUTES = {
    "residences:house_rules": _residence_kwargs,
    "residences:publish_rules": _residence_kwargs,
    "residences:acknowledge_rules": _rule_version,
    "residences:house_check": _residence_kwargs,
    "residences:house_check_detail": _house_check,
    "residences:maintenance": _residence_kwargs,
    "residences:maintenance_detail": _maintenance_request,
    "residences:inspections": _residence_kwargs,
    "residences:good_neighbor": _residence_kwargs,
    "residences:neighbor_complaint": _neighbor_complaint,
    "residences:compliance": _residence_kwargs,
    "residences:certification_packet": _residence_kwargs,
    "residences:compliance_item": _compliance_item,
    "residences:compliance_document": lambda organization: _compliance_item(organization, with_document=True),
}

OBJECT_ROUTES = ROUTES
