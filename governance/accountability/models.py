"""The one-time notices of accountability: a critical-incident alert, a follow-up or grievance reminder is sent
once per occurrence and person, because each one is a row with a unique key before it is a notification."""

from django.conf import settings
from django.db import models

from recovery.tenancy import TenantModel

__all__ = ["AccountabilityNotice"]


class AccountabilityNotice(TenantModel):
    """`key` names the occurrence ("incident-critical:12", "action-due:4"); one row per key and recipient."""

    key = models.CharField(max_length=80)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key", "recipient"], name="one_accountability_notice"),
        ]

    def __str__(self):
        return self.key
