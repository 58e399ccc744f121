"""Django admin for house rules, house operations and compliance (imported by residences/admin.py). Every model
uses `TenantAdmin`: rows show their organization and every list and record view is audited."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residences.models import (
    CertificationReminder,
    ComplianceItem,
    GoodNeighborContact,
    HouseCheck,
    HouseCheckEntry,
    HouseRuleVersion,
    MaintenanceRequest,
    NeighborComplaint,
    RuleAcknowledgement,
    SafetyInspection,
)


@admin.register(HouseRuleVersion)
class HouseRuleVersionAdmin(TenantAdmin):
    list_display = ["residence", "version", "effective_on", "published_at"]
    list_select_related = ["residence"]
    readonly_fields = ["published_at", "published_by"]


@admin.register(RuleAcknowledgement)
class RuleAcknowledgementAdmin(TenantAdmin):
    list_display = ["rule_version", "resident", "acknowledged_at"]
    list_select_related = ["rule_version", "resident"]
    raw_id_fields = ["rule_version", "resident"]


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


@admin.register(ComplianceItem)
class ComplianceItemAdmin(TenantAdmin):
    list_display = ["residence", "code", "domain", "status"]
    list_filter = ["domain", "status", "min_level"]
    list_select_related = ["residence"]
    raw_id_fields = ["updated_by"]


@admin.register(CertificationReminder)
class CertificationReminderAdmin(TenantAdmin):
    list_display = ["residence", "expires_on", "days_before", "sent_at"]
    list_select_related = ["residence"]
