"""Django admin for progress reviews, BARC-10 and plans, for platform support: read-only, lists without names
or answers; opening a record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin
from residents.medications.models import MatStorageLog, Medication


class MedicationAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "mat_kind", "stored_on_site", "started_on", "stopped_on"]
    list_filter = ["mat_kind", "stored_on_site"]
    raw_id_fields = ["resident"]


class MatStorageLogAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "medication", "kind", "at", "quantity", "counted", "expected"]
    list_filter = ["kind"]
    raw_id_fields = ["medication", "recorded_by"]


admin.site.register(Medication, MedicationAdmin)


admin.site.register(MatStorageLog, MatStorageLogAdmin)
