"""Django admin for house operations: house checks, maintenance, inspections, good-neighbor records."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residences.models import (
    GoodNeighborContact,
    HouseCheck,
    HouseCheckEntry,
    MaintenanceRequest,
    NeighborComplaint,
    SafetyInspection,
)


@admin.register(HouseCheck)
class HouseCheckAdmin(TenantAdmin):
    list_display = ["residence", "checked_at", "checked_by"]
    list_select_related = ["residence", "checked_by"]
    raw_id_fields = ["checked_by"]


# Entries have their own list rather than an inline: the admin renders its pages after the view returns, outside
# the view's disabled tenant scope, and an inline formset queries at render time.
@admin.register(HouseCheckEntry)
class HouseCheckEntryAdmin(TenantAdmin):
    list_display = ["house_check", "bed", "whereabouts"]
    list_filter = ["whereabouts"]
    list_select_related = ["house_check", "bed__room"]
    raw_id_fields = ["house_check", "bed", "stay"]


@admin.register(MaintenanceRequest)
class MaintenanceRequestAdmin(TenantAdmin):
    list_display = ["residence", "urgency", "status", "reported_at", "resolved_at"]
    list_filter = ["status", "urgency"]
    list_select_related = ["residence"]
    raw_id_fields = ["reported_by"]


@admin.register(SafetyInspection)
class SafetyInspectionAdmin(TenantAdmin):
    list_display = ["residence", "kind", "done_on", "passed", "next_due_on"]
    list_filter = ["kind", "passed"]
    list_select_related = ["residence"]
    raw_id_fields = ["recorded_by"]


@admin.register(GoodNeighborContact)
class GoodNeighborContactAdmin(TenantAdmin):
    list_display = ["residence", "name", "role"]
    list_select_related = ["residence"]


@admin.register(NeighborComplaint)
class NeighborComplaintAdmin(TenantAdmin):
    list_display = ["residence", "received_on", "responded_on"]
    list_select_related = ["residence"]
    raw_id_fields = ["logged_by", "responded_by"]
