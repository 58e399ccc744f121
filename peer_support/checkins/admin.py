"""Django admin for mentoring, check-ins, meetings and signal settings (tenant-aware, audited)."""

from django.contrib import admin

from peer_support.checkins.models import CheckIn, CheckInReminder
from recovery.admin import TenantAdmin


@admin.register(CheckIn)
class CheckInAdmin(TenantAdmin):
    list_display = ["__str__", "day"]
    raw_id_fields = ["resident", "residence"]


@admin.register(CheckInReminder)
class CheckInReminderAdmin(TenantAdmin):
    list_display = ["__str__", "kind", "day"]
