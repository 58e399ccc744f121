"""The lookups of a resident's record for a page: by id (404 outside the organization, then the person's right to
it), or the signed-in resident's own."""

from django.core.exceptions import PermissionDenied

from recovery.lookups import object_or_404
from residents.profiles.models import Resident
from residents.profiles.selectors import my_resident_record


def resident_or_404(request, resident_pk: int, permission: str) -> Resident:
    """The resident of this organization with that id (404 otherwise, for every role), if the person may
    `permission` on their record. Reading the record is audited by the page that shows it (`record_view`)."""
    return object_or_404(request, Resident, permission, pk=resident_pk)


def own_record_or_403(request) -> Resident:
    """The signed-in person's own resident record, for the "my ..." pages; PermissionDenied when they have none
    (a staff member, say) in this organization."""
    resident = my_resident_record(request.user)
    if resident is None:
        raise PermissionDenied("no resident record")
    return resident
