"""Django admin for officers and elections, for platform support: read-only; opening a record is audited
(TenantAdmin). A candidate's count is not shown until the election closes, and no list filters by it (both by
TenantAdmin, from governance/officers/secrecy.py); an election ballot holds nothing but that the person voted,
and ballots are listed by voter name, never in the order people voted."""

from django.contrib import admin

from governance.house_meetings.admin import VoterListAdmin
from governance.officers.models import Election, ElectionBallot, Nomination, OfficerTerm
from recovery.admin import ReadOnlyTenantAdmin


class ElectionAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "office", "stage", "result"]
    raw_id_fields = ["residence", "meeting", "winner"]


class NominationAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "election"]
    raw_id_fields = ["election", "candidate", "nominated_by"]


class ElectionBallotAdmin(VoterListAdmin):
    list_display = ["election", "voter"]
    ordering = ["election", "voter__last_name", "voter__first_name", "voter"]


class OfficerTermAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "office", "starts_on", "ends_on"]
    raw_id_fields = ["residence", "resident", "election"]


admin.site.register(Election, ElectionAdmin)


admin.site.register(Nomination, NominationAdmin)


admin.site.register(OfficerTerm, OfficerTermAdmin)


admin.site.register(ElectionBallot, ElectionBallotAdmin)
