"""Django admin for give-and-receive, workshops, community and announcements (platform support; TenantAdmin
audits every opening). Importing this module registers them."""

from django.contrib import admin

from peer_support.workshops.models import Workshop, WorkshopAttendance, WorkshopRsvp, WorkshopSession
from recovery.admin import TenantAdmin


class WorkshopAdmin(TenantAdmin):
    list_display = ["pk", "title", "topic"]
    list_filter = ["topic"]


class WorkshopSessionAdmin(TenantAdmin):
    list_display = ["pk", "workshop", "residence", "starts_at"]
    raw_id_fields = ["workshop", "residence", "facilitator_user", "facilitator_resident"]


class SessionAnswerAdmin(TenantAdmin):
    list_display = ["pk", "session"]
    raw_id_fields = ["session", "resident"]


admin.site.register(Workshop, WorkshopAdmin)


admin.site.register(WorkshopSession, WorkshopSessionAdmin)


admin.site.register(WorkshopRsvp, SessionAnswerAdmin)


admin.site.register(WorkshopAttendance, SessionAnswerAdmin)
