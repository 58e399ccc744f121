"""The lookup of an import for a page: 404 outside the organization, then the person's right to import."""

from recovery.lookups import object_or_404
from residences.imports.models import SpreadsheetImport


def import_or_404(request, pk) -> SpreadsheetImport:
    """The import of this organization with that id (404 otherwise), if the person may import spreadsheets."""
    return object_or_404(request, SpreadsheetImport.objects.all(), "residences.import_spreadsheets", pk=pk)
