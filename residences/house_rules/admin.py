"""Django admin for house rules and their acknowledgements."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residences.models import (
    HouseRuleVersion,
    RuleAcknowledgement,
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
