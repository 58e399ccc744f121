"""The reads of the import pages."""

from residences.imports.models import SpreadsheetImport
from residences.stays.models import BedAssignment, Stay

RECENT_IMPORTS = 20


def recent_imports():
    """The organization's latest imports (in the active tenant scope), newest first, with who uploaded them."""
    return SpreadsheetImport.objects.select_related("uploaded_by").defer("rows")[:RECENT_IMPORTS]


def imported_bed_assignments(spreadsheet_import):
    """The first bed of each stay the import created, with its resident and home: who the import brought in, where."""
    stay_ids = [
        int(object_id)
        for object_id in spreadsheet_import.created_rows.filter(model_label=Stay._meta.label_lower).values_list(
            "object_id", flat=True
        )
    ]
    return (
        BedAssignment.objects.filter(stay_id__in=stay_ids)
        .select_related("stay__resident", "bed__room__residence")
        .order_by("bed__room__residence__name", "bed__room__name", "bed__label")
    )
