"""House rules, house operations and compliance routes (residences/{house_rules,operations,compliance}/urls.py), and
the small builders the house operations test modules share.

The routes live in the `residences` namespace (residences/urls.py includes each feature's urls).
"""

from datetime import date

from django.core.files.base import ContentFile

from recovery.tenancy import tenant_scope
from residences.compliance.models import ComplianceDomain
from residences.models import (
    Application,
    Bed,
    BedAssignment,
    ComplianceItem,
    HouseCheck,
    HouseRuleVersion,
    MaintenanceRequest,
    NeighborComplaint,
    Residence,
)
from residences.stays.services import add_room_with_beds, admit_applicant, create_residence
from tests.recovery.builders import MARKER, unique

# --- Builders --------------------------------------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def make_home(organization, *, name=None, level=2, beds=("A", "B"), **fields) -> Residence:
    """A residence with one room of `beds`."""
    with tenant_scope(organization):
        residence = create_residence(name=name or f"Home {unique()}", level=level, **fields)
        if beds:
            add_room_with_beds(residence=residence, name="Room 1", bed_labels=beds)
    return residence


def move_in(
    organization,
    residence,
    *,
    first_name="Jordan",
    last_name="Reyes",
    user=None,
    bed=None,
    on: date | None = None,
    **fields,
):
    """Admit a person into a free bed of `residence` (or `bed`), optionally linked to their sign-in `user`."""
    with tenant_scope(organization):
        if bed is None:
            taken = BedAssignment.objects.filter(ends_on__isnull=True).values("bed_id")
            bed = Bed.objects.filter(room__residence=residence).exclude(pk__in=taken).order_by("label").first()
        application = Application.objects.create(
            first_name=first_name,
            last_name=last_name,
            email=f"{first_name.lower()}{unique()}@example.org",
            **fields,
        )
        stay = admit_applicant(application=application, bed=bed, move_in=on or date(2020, 1, 1))
        if user is not None:
            stay.resident.user = user
            stay.resident.save()
    return stay


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
