"""Django admin for spreadsheet imports: read only (imports are made and undone by their own pages)."""

from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin
from residences.imports.models import SpreadsheetImport


@admin.register(SpreadsheetImport)
class SpreadsheetImportAdmin(ReadOnlyTenantAdmin):
    list_display = ["created_at", "status", "home_count", "bed_count", "resident_count"]
    list_filter = ["status"]
    exclude = ["rows"]
