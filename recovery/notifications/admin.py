"""Django admin for the notification centre. Lists show who, what kind and when; never the message itself."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from recovery.notifications.models import Delivery, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(TenantAdmin):
    list_display = ["pk", "recipient", "kind", "urgent", "created_at", "read_at"]
    list_filter = ["kind", "urgent"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "kind"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(TenantAdmin):
    list_display = ["user", "email_enabled", "sms_enabled", "quiet_hours_start", "quiet_hours_end"]
    list_filter = ["email_enabled", "sms_enabled"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(Delivery)
class DeliveryAdmin(TenantAdmin):
    list_display = ["pk", "notification", "channel", "status", "deliver_after", "sending_at", "sent_at", "attempts"]
    list_filter = ["channel", "status"]
    list_select_related = ["notification"]
    raw_id_fields = ["notification"]
    readonly_fields = ["sending_at", "sent_at", "attempts"]
