"""House announcements: posted for one home or all homes, delivered once to each person there."""

from django.conf import settings
from django.db import models

from recovery.tenancy import TenantModel

__all__ = ["Announcement", "AnnouncementDelivery"]


class Announcement(TenantModel):
    residence = models.ForeignKey(
        "residences.Residence", on_delete=models.CASCADE, null=True, blank=True, related_name="announcements"
    )
    title = models.CharField(max_length=150)
    body = models.TextField(blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    posted_at = models.DateTimeField()

    class Meta:
        ordering = ["-posted_at", "-pk"]

    def __str__(self):
        return self.title


class AnnouncementDelivery(TenantModel):
    """The unique key that makes delivery happen exactly once per person, however often it is sent."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    delivered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "announcement", "recipient"], name="one_announcement_delivery_per_person"
            ),
        ]
