"""Django admin for the compliance checklist and certification reminders."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residences.models import (
    CertificationReminder,
    ComplianceItem,
)


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
