"""Django admin for mentoring, check-ins, meetings and signal settings (tenant-aware, audited)."""

from django.contrib import admin

from peer_support.drift_signals.models import SignalAcknowledgement, SignalSettings
from recovery.admin import TenantAdmin


@admin.register(SignalSettings)
class SignalSettingsAdmin(TenantAdmin):
    list_display = ["residence", "missed_in_a_row", "craving_rise", "mood_fall"]


@admin.register(SignalAcknowledgement)
class SignalAcknowledgementAdmin(TenantAdmin):
    list_display = ["__str__", "acknowledged_at"]
