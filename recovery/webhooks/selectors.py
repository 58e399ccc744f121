"""The reads of the webhook pages, for the organization in scope."""

from django.db.models import Count, Q, QuerySet

from recovery.webhooks.models import WebhookDelivery, WebhookEndpoint


def endpoints() -> QuerySet[WebhookEndpoint]:
    """Every endpoint of the organization, newest first, with its count of failed and waiting deliveries."""
    return WebhookEndpoint.objects.annotate(
        failed_count=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)),
        waiting_count=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.PENDING)),
    ).order_by("-created_at", "-pk")


def deliveries_of(endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    """The endpoint's deliveries, newest first (the log page paginates them)."""
    return WebhookDelivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-pk")
