"""Django admin for give-and-receive, workshops, community and announcements (platform support; TenantAdmin
audits every opening). Importing this module registers them."""

from django.contrib import admin

from peer_support.announcement_models import Announcement, AnnouncementDelivery
from peer_support.community_models import CommunityEvent, EventRsvp, GoalPartner, Partner, ServiceHours
from peer_support.give_and_receive.models import HelpExchange
from peer_support.workshops.models import Workshop, WorkshopAttendance, WorkshopRsvp, WorkshopSession
from recovery.admin import TenantAdmin


class HelpExchangeAdmin(TenantAdmin):
    list_display = ["pk", "kind", "on", "confirmed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["giver", "receiver", "logged_by"]


class WorkshopAdmin(TenantAdmin):
    list_display = ["pk", "title", "topic"]
    list_filter = ["topic"]


class WorkshopSessionAdmin(TenantAdmin):
    list_display = ["pk", "workshop", "residence", "starts_at"]
    raw_id_fields = ["workshop", "residence", "facilitator_user", "facilitator_resident"]


class SessionAnswerAdmin(TenantAdmin):
    list_display = ["pk", "session"]
    raw_id_fields = ["session", "resident"]


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


class AnnouncementAdmin(TenantAdmin):
    list_display = ["pk", "residence", "posted_at"]
    raw_id_fields = ["residence", "posted_by"]


class AnnouncementDeliveryAdmin(TenantAdmin):
    list_display = ["pk", "announcement", "delivered_at"]
    raw_id_fields = ["announcement", "recipient"]


admin.site.register(HelpExchange, HelpExchangeAdmin)
admin.site.register(Workshop, WorkshopAdmin)
admin.site.register(WorkshopSession, WorkshopSessionAdmin)
admin.site.register(WorkshopRsvp, SessionAnswerAdmin)
admin.site.register(WorkshopAttendance, SessionAnswerAdmin)
admin.site.register(Partner, PartnerAdmin)
admin.site.register(GoalPartner, GoalPartnerAdmin)
admin.site.register(CommunityEvent, CommunityEventAdmin)
admin.site.register(EventRsvp, EventRsvpAdmin)
admin.site.register(ServiceHours, ServiceHoursAdmin)
admin.site.register(Announcement, AnnouncementAdmin)
admin.site.register(AnnouncementDelivery, AnnouncementDeliveryAdmin)
