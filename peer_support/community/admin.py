"""Django admin for give-and-receive, workshops, community and announcements (platform support; TenantAdmin
audits every opening). Importing this module registers them."""

from django.contrib import admin

from peer_support.community.models import CommunityEvent, EventRsvp, GoalPartner, Partner, ServiceHours
from recovery.admin import TenantAdmin


class PartnerAdmin(TenantAdmin):
    list_display = ["pk", "name", "phone"]
    search_fields = ["name"]


class GoalPartnerAdmin(TenantAdmin):
    list_display = ["pk", "partner", "created_at"]
    raw_id_fields = ["goal", "partner", "linked_by"]


class CommunityEventAdmin(TenantAdmin):
    list_display = ["pk", "title", "kind", "starts_at"]
    list_filter = ["kind"]
    raw_id_fields = ["partner", "created_by"]


class EventRsvpAdmin(TenantAdmin):
    list_display = ["pk", "event", "going"]
    raw_id_fields = ["event", "resident"]


class ServiceHoursAdmin(TenantAdmin):
    list_display = ["pk", "on", "hours", "verified_at"]
    raw_id_fields = ["resident", "verified_by"]


admin.site.register(Partner, PartnerAdmin)


admin.site.register(GoalPartner, GoalPartnerAdmin)


admin.site.register(CommunityEvent, CommunityEventAdmin)


admin.site.register(EventRsvp, EventRsvpAdmin)


admin.site.register(ServiceHours, ServiceHoursAdmin)
