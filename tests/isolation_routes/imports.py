"""The spreadsheet imports' routes (residences/imports/urls.py): one import, its confirmation and its undo."""

from recovery.tenancy import tenant_scope
from residences.imports import services
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import csv_file


def _import(org):
    homes = csv_file(f"{MARKER}.csv", [["home", "room", "bed"], [f"{MARKER} {unique()}", "1", "A"]])
    with tenant_scope(org):
        return {"pk": services.check_uploads(homes_file=homes).spreadsheet_import.pk}


OBJECT_ROUTES = {
    "residences:import_detail": _import,
    "residences:import_apply": _import,
    "residences:import_undo": _import,
}
