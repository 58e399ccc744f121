"""Django admin for stays and bed assignments."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residences.models import BedAssignment, Stay


@admin.register(Stay)
class StayAdmin(TenantAdmin):
    # Minimum necessary: no names in the list; the record itself is one click (and one audit event) away.
    list_display = ["pk", "move_in", "expected_move_out", "move_out", "discharge_reason"]
    list_filter = ["discharge_reason"]
    raw_id_fields = ["resident", "application"]


@admin.register(BedAssignment)
class BedAssignmentAdmin(TenantAdmin):
    list_display = ["pk", "bed", "starts_on", "ends_on"]
    raw_id_fields = ["stay", "bed"]
