"""Django admin for webhooks: endpoints without their secrets, and the delivery log."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from recovery.webhooks.models import WebhookDelivery, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(TenantAdmin):
    list_display = ["pk", "url", "is_active", "consecutive_failures", "created_at"]
    list_filter = ["is_active"]
    # The secrets sign deliveries; nobody reads them back, platform staff included.
    exclude = ["secret", "previous_secret"]
    raw_id_fields = ["created_by"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(TenantAdmin):
    list_display = ["pk", "endpoint", "kind", "status", "attempts", "response_status", "next_attempt_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["endpoint"]
    raw_id_fields = ["endpoint"]
    readonly_fields = ["event_id", "payload", "attempts", "sending_at", "delivered_at", "response_status"]
