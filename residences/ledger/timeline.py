"""The ledger's entries on a resident's timeline (registered under the registry's "timeline" key): payments."""

from recovery.registry import TimelineEntry, timeline_source


@timeline_source
def payments(resident, *, staff_view, **_viewer):
    from residences.models import LedgerEntry

    for entry in LedgerEntry.objects.filter(stay__resident=resident, kind="payment").only("posted_on", "amount"):
        yield TimelineEntry(entry.posted_on, "payment", f"Paid ${entry.amount}")
