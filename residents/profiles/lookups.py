"""The lookup of a resident's record for a page: 404 outside the organization, then the person's right to it."""

from recovery.lookups import object_or_404
from residents.profiles.models import Resident


def resident_or_404(request, resident_pk: int, permission: str) -> Resident:
    """The resident of this organization with that id (404 otherwise, for every role), if the person may
    `permission` on their record. Reading the record is audited by the page that shows it (`record_view`)."""
    return object_or_404(request, Resident, permission, pk=resident_pk)
