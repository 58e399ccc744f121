"""Django admin for mentoring, check-ins, meetings and signal settings (tenant-aware, audited)."""

from django.contrib import admin

from peer_support.outside_meetings.models import OutsideMeeting
from recovery.admin import TenantAdmin


@admin.register(OutsideMeeting)
class OutsideMeetingAdmin(TenantAdmin):
    list_display = ["__str__", "kind", "verified_at"]
