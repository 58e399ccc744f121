"""Django admin for house meetings, votes and officers, for platform support: read-only; opening a record is
audited (TenantAdmin). A secret motion's running tally is not shown while the vote is open, and a secret ballot
row holds nothing but that the person voted."""

from django.contrib import admin

from governance.house_meetings.admin import SimpleAdmin
from governance.officers.models import Election, ElectionBallot, Nomination, OfficerTerm
from recovery.admin import ReadOnlyTenantAdmin


class ElectionAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "office", "stage", "result"]
    raw_id_fields = ["residence", "meeting", "winner"]


class NominationAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "election"]
    raw_id_fields = ["election", "candidate", "nominated_by"]

    def get_exclude(self, request, obj=None):
        if obj is not None and obj.election.stage != "closed":
            return ("votes",)
        return super().get_exclude(request, obj)


class OfficerTermAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "office", "starts_on", "ends_on"]
    raw_id_fields = ["residence", "resident", "election"]


admin.site.register(Election, ElectionAdmin)


admin.site.register(Nomination, NominationAdmin)


admin.site.register(OfficerTerm, OfficerTermAdmin)


admin.site.register(ElectionBallot, SimpleAdmin)
