"""The announcements' routes (peer_support/announcements/urls.py): one announcement."""

from django.utils import timezone

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_home


def _announcement(org):
    from peer_support.announcements.models import Announcement

    with tenant_scope(org):
        entry = Announcement.objects.create(
            residence=make_home(org, beds=()), title=MARKER, body=MARKER, posted_at=timezone.now()
        )
    return {"pk": entry.pk}


OBJECT_ROUTES = {
    "peer_support:announcement_detail": _announcement,
}
