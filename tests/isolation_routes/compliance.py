"""Compliance's routes (residences/compliance/urls.py): a home's standards, its certification packet, an item and
its evidence document."""

from django.core.files.base import ContentFile

from recovery.tenancy import tenant_scope
from residences.compliance.models import ComplianceDomain
from residences.models import ComplianceItem
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import PDF_BYTES, make_home


def _residence(organization):
    return make_home(organization, name=f"{MARKER} home {unique()}", beds=())


def _residence_kwargs(organization):
    return {"residence_pk": _residence(organization).pk}


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


OBJECT_ROUTES = {
    "residences:compliance": _residence_kwargs,
    "residences:certification_packet": _residence_kwargs,
    "residences:compliance_item": _compliance_item,
    "residences:compliance_document": lambda organization: _compliance_item(organization, with_document=True),
}
