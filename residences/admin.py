"""Django admin for the residences (tenant-aware: each row shows its organization; every view audited)."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residences import admin_intake, admin_ledger, admin_operations  # noqa: F401 - each part registers its own models
from residences.models import Bed, BedAssignment, HouseManagerAssignment, Residence, Room, Stay


@admin.register(Residence)
class ResidenceAdmin(TenantAdmin):
    list_display = ["name", "level", "population", "certification_expires_on", "publish_availability"]
    list_filter = ["level", "population"]
    search_fields = ["name", "city"]


@admin.register(Room)
class RoomAdmin(TenantAdmin):
    list_display = ["name", "residence"]
    list_select_related = ["residence"]


@admin.register(Bed)
class BedAdmin(TenantAdmin):
    list_display = ["label", "room", "in_service"]
    list_filter = ["in_service"]
    list_select_related = ["room"]


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


@admin.register(HouseManagerAssignment)
class HouseManagerAssignmentAdmin(TenantAdmin):
    list_display = ["membership", "residence"]
    raw_id_fields = ["membership", "residence"]
