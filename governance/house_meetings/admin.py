"""Django admin for house meetings, votes and officers, for platform support: read-only; opening a record is
audited (TenantAdmin). A secret motion's running tally is not shown while the vote is open, and no list filters
by it (both by TenantAdmin, from governance/house_meetings/secrecy.py); a secret ballot row holds nothing but
that the person voted, and ballots are listed by voter name, never in the order people voted."""

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
from governance.house_meetings.secrecy import motion_tally_sealed
from recovery.admin import ReadOnlyTenantAdmin


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
        if motion_tally_sealed(motion):
            return "hidden until the vote closes"
        return f"{motion.yes_count} yes, {motion.no_count} no, {motion.abstain_count} abstaining"


class VoterListAdmin(ReadOnlyTenantAdmin):
    """Who voted, listed by name, with no page per ballot and no sorting: a ballot's id and the order of the list
    would otherwise put the voters in the order they voted (the audit log says that a person voted, never how)."""

    list_display_links = None
    sortable_by = ()

    def get_urls(self):
        return [url for url in super().get_urls() if url.name and url.name.endswith("_changelist")]


class BallotAdmin(VoterListAdmin):
    list_display = ["motion", "voter"]
    ordering = ["motion", "voter__last_name", "voter__first_name", "voter"]


class SimpleAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "__str__"]


admin.site.register(HouseMeeting, HouseMeetingAdmin)


admin.site.register(Motion, MotionAdmin)


admin.site.register(Ballot, BallotAdmin)


for model in (MeetingSchedule, AgendaItem, MeetingAttendance, HouseDecision):
    admin.site.register(model, SimpleAdmin)
