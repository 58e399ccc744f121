"""The lookup of a home for a page: 404 outside the organization, then the person's right to it."""

from recovery.lookups import object_or_404
from residences.homes.models import Residence


def residence_or_404(request, residence_pk: int, permission: str) -> Residence:
    """The home of this organization with that id (404 otherwise, for every role), if the person may `permission`."""
    return object_or_404(request, Residence.objects.select_related("organization"), permission, pk=residence_pk)
