"""The ledger's entries on a resident's timeline (registered under the registry's "timeline" key): payments,
for the resident and the staff who run homes (as the ledger's own rules); a mentee's coach sees none."""

from recovery.models import STAFF_ROLES
from recovery.registry import TimelineEntry, timeline_source


@timeline_source
def payments(resident, *, staff_view, membership=None, **_viewer):
    from residences.models import LedgerEntry

    if membership is None or (membership.role not in STAFF_ROLES and resident.user_id != membership.user_id):
        return
    for entry in LedgerEntry.objects.filter(stay__resident=resident, kind="payment").only("posted_on", "amount"):
        yield TimelineEntry(entry.posted_on, "payment", f"Paid ${entry.amount}")
