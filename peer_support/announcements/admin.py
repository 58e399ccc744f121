"""Django admin for give-and-receive, workshops, community and announcements (platform support; TenantAdmin
audits every opening). Importing this module registers them."""

from django.contrib import admin

from peer_support.announcements.models import Announcement, AnnouncementDelivery
from recovery.admin import TenantAdmin


class AnnouncementAdmin(TenantAdmin):
    list_display = ["pk", "residence", "posted_at"]
    raw_id_fields = ["residence", "posted_by"]


class AnnouncementDeliveryAdmin(TenantAdmin):
    list_display = ["pk", "announcement", "delivered_at"]
    raw_id_fields = ["announcement", "recipient"]


admin.site.register(Announcement, AnnouncementAdmin)


admin.site.register(AnnouncementDelivery, AnnouncementDeliveryAdmin)
