"""Django admin for the residences (tenant-aware: each row shows its organization; every view audited)."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residences.models import Bed, HouseManagerAssignment, Residence, Room


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


@admin.register(HouseManagerAssignment)
class HouseManagerAssignmentAdmin(TenantAdmin):
    list_display = ["membership", "residence"]
    raw_id_fields = ["membership", "residence"]
