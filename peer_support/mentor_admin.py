"""Django admin for mentoring, check-ins, meetings and signal settings (tenant-aware, audited)."""

from django.contrib import admin

from peer_support.checkins.models import CheckIn, CheckInReminder
from peer_support.drift_signals.models import SignalAcknowledgement, SignalSettings
from peer_support.meeting_models import OutsideMeeting
from peer_support.mentor_models import Mentor, MentorContact, Mentorship
from recovery.admin import TenantAdmin


@admin.register(Mentor)
class MentorAdmin(TenantAdmin):
    """The one place to change a mentor's limit of mentees."""

    list_display = ["pk", "mentee_limit"]
    raw_id_fields = ["resident", "membership"]


@admin.register(Mentorship)
class MentorshipAdmin(TenantAdmin):
    list_display = ["__str__", "started_on", "ended_on"]
    raw_id_fields = ["mentor", "mentee", "started_by"]


@admin.register(MentorContact)
class MentorContactAdmin(TenantAdmin):
    list_display = ["__str__", "how"]


@admin.register(CheckIn)
class CheckInAdmin(TenantAdmin):
    list_display = ["__str__", "day"]
    raw_id_fields = ["resident", "residence"]


@admin.register(CheckInReminder)
class CheckInReminderAdmin(TenantAdmin):
    list_display = ["__str__", "kind", "day"]


@admin.register(OutsideMeeting)
class OutsideMeetingAdmin(TenantAdmin):
    list_display = ["__str__", "kind", "verified_at"]


@admin.register(SignalSettings)
class SignalSettingsAdmin(TenantAdmin):
    list_display = ["residence", "missed_in_a_row", "craving_rise", "mood_fall"]


@admin.register(SignalAcknowledgement)
class SignalAcknowledgementAdmin(TenantAdmin):
    list_display = ["__str__", "acknowledged_at"]
