"""Django admin for house meetings, votes and officers, for platform support: read-only; opening a record is
audited (TenantAdmin). A secret motion's running tally is not shown while the vote is open, and a secret ballot
row holds nothing but that the person voted."""

from django.contrib import admin

from governance.house_meetings.models import (
    AgendaItem,
    Ballot,
    HouseDecision,
    HouseMeeting,
    MeetingAttendance,
    MeetingSchedule,
    Motion,
)
from recovery.admin import ReadOnlyTenantAdmin

TALLY_FIELDS = ("yes_count", "no_count", "abstain_count")


class HouseMeetingAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "held_on", "cancelled", "minutes_approved_at"]
    raw_id_fields = ["residence", "minutes_by", "minutes_approved_by", "minutes_approved_at_meeting"]
    date_hierarchy = "held_on"


class MotionAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "secret", "opened_at", "closed_at", "result", "tally"]
    list_filter = ["secret", "result"]
    raw_id_fields = ["residence", "meeting", "opened_by", "closed_by"]

    @admin.display(description="tally")
    def tally(self, motion):
        if motion.secret and motion.is_open:
            return "hidden until the vote closes"
        return f"{motion.yes_count} yes, {motion.no_count} no, {motion.abstain_count} abstaining"

    def get_exclude(self, request, obj=None):
        if obj is not None and obj.secret and obj.is_open:
            return TALLY_FIELDS
        return super().get_exclude(request, obj)


class BallotAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "motion"]
    raw_id_fields = ["motion", "voter"]


class SimpleAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "__str__"]


admin.site.register(HouseMeeting, HouseMeetingAdmin)


admin.site.register(Motion, MotionAdmin)


admin.site.register(Ballot, BallotAdmin)


for model in (MeetingSchedule, AgendaItem, MeetingAttendance, HouseDecision):
    admin.site.register(model, SimpleAdmin)
