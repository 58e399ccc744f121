"""House operations' routes (residences/operations/urls.py): house checks, maintenance, inspections and the good
neighbor log."""

from datetime import date

from recovery.tenancy import tenant_scope
from residences.models import HouseCheck, MaintenanceRequest, NeighborComplaint
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import make_home


def _residence(organization):
    return make_home(organization, name=f"{MARKER} home {unique()}", beds=())


def _residence_kwargs(organization):
    return {"residence_pk": _residence(organization).pk}


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


OBJECT_ROUTES = {
    "residences:house_check": _residence_kwargs,
    "residences:house_check_detail": _house_check,
    "residences:maintenance": _residence_kwargs,
    "residences:maintenance_detail": _maintenance_request,
    "residences:inspections": _residence_kwargs,
    "residences:good_neighbor": _residence_kwargs,
    "residences:neighbor_complaint": _neighbor_complaint,
}
