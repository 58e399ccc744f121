"""Outside meetings a resident went to (12-step, SMART and others), counted against their phase's requirement."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["MeetingKind", "OutsideMeeting"]


class MeetingKind(models.TextChoices):
    TWELVE_STEP = "12_step", _("12-step (AA, NA, CA…)")
    SMART = "smart", _("SMART Recovery")
    REFUGE = "refuge", _("Refuge Recovery / Recovery Dharma")
    FAITH = "faith", _("Faith-based")
    OTHER = "other", _("Other")


class OutsideMeeting(TenantModel):
    """The resident's own attendance at one meeting outside the house.

    Deliberately only their own attendance: no photos, no sign-in sheets, no names of other attendees —
    anonymity is a tradition of these meetings, and other people's presence is not ours to record.
    """

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="outside_meetings")
    attended_on = models.DateField("date")
    name = models.CharField("meeting", max_length=120)
    kind = models.CharField(max_length=10, choices=MeetingKind.choices, default=MeetingKind.TWELVE_STEP)
    place = models.CharField(max_length=120, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-attended_on", "-pk"]

    def __str__(self):
        return f"{self.name} on {self.attended_on:%Y-%m-%d}"
