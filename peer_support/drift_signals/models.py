"""Signals that someone may be drifting ("signals, not surveillance"): each home's thresholds, and the coach's
acknowledgement of a signal, which hides it until something new happens."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["SignalAcknowledgement", "SignalKind", "SignalSettings"]


class SignalKind(models.TextChoices):
    MISSED = "missed", _("Missed check-ins")
    CRAVING = "craving", _("Craving rising")
    MOOD = "mood", _("Mood falling")
    NO_MEETING = "no_meeting", _("No outside meeting")
    NO_MENTOR_CONTACT = "no_mentor_contact", _("No mentor contact")
    ISOLATION = "isolation", _("Keeping to themselves")


class SignalSettings(TenantModel):
    """A home's thresholds. Homes without a row use the defaults below (the field defaults)."""

    residence = models.OneToOneField("residences.Residence", on_delete=models.CASCADE, related_name="signal_settings")
    missed_in_a_row = models.PositiveSmallIntegerField("missed check-ins in a row", default=2)
    craving_rise = models.PositiveSmallIntegerField(
        "craving rise (points, first to last check-in of the window)", default=3
    )
    mood_fall = models.PositiveSmallIntegerField("mood fall (points, first to last check-in of the window)", default=2)
    window_days = models.PositiveSmallIntegerField("look back this many days for trends", default=7)
    meeting_days = models.PositiveSmallIntegerField("no outside meeting in this many days", default=7)
    mentor_contact_days = models.PositiveSmallIntegerField("no mentor contact in this many days", default=7)
    isolation_days = models.PositiveSmallIntegerField(
        "nothing shared, no help asked and no meeting in this many days", default=5
    )

    class Meta:
        verbose_name_plural = "signal settings"
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence"], name="one_signal_settings_per_home"),
        ]

    def __str__(self):
        return "Signal thresholds"


class SignalAcknowledgement(TenantModel):
    """A coach saw a signal and did something (the note says what). `evidence` is the signal's state when
    acknowledged; the signal shows again only when its evidence changes — something new happened."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=SignalKind.choices)
    evidence = models.CharField(max_length=60)
    note = models.CharField(max_length=280)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at"]

    def __str__(self):
        return f"{self.get_kind_display()} acknowledged"
