"""Daily check-ins (one per resident per day, in ~30 seconds on a phone) and the record of each reminder and
missed-check-in alert sent, so a dispatcher that runs twice sends nothing twice."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel
from residents.plans.models import SelfCategory

__all__ = ["CheckIn", "CheckInReminder", "ReminderKind", "Slept", "TalkRequest"]


class Slept(models.TextChoices):
    OK = "ok", _("Slept OK")
    POOR = "poor", _("Slept poorly")


class CheckIn(TenantModel):
    """How a resident is today, in their own words. Shared with the house or the mentor only if they say so."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="check_ins")
    # The home they were living in when they checked in: the community meeting screen shows one home.
    residence = models.ForeignKey(
        "residences.Residence", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    day = models.DateField()
    feeling = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    craving = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(10)])
    slept = models.CharField(max_length=5, choices=Slept.choices, blank=True)
    slept_hours = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    went_to_meeting = models.BooleanField("went to a meeting since my last check-in", default=False)
    goal_today = models.CharField("my goal today", max_length=200, blank=True)
    ask_for_help = models.CharField("who I will ask for help", max_length=120, blank=True)
    needs_to_talk = models.BooleanField("I need to talk", default=False)
    self_tag = models.CharField("S.E.L.F.", max_length=20, choices=SelfCategory.choices, blank=True)
    share_with_house = models.BooleanField("share my answers with the house", default=False)
    share_with_mentor = models.BooleanField("share my answers with my mentor", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "resident", "day"], name="one_check_in_per_resident_day"),
            models.CheckConstraint(condition=Q(feeling__gte=1) & Q(feeling__lte=5), name="check_in_feeling_1_to_5"),
            models.CheckConstraint(condition=Q(craving__gte=0) & Q(craving__lte=10), name="check_in_craving_0_to_10"),
        ]

    def __str__(self):
        return f"Check-in on {self.day:%Y-%m-%d}"

    FEELINGS = {1: _("Rough"), 2: _("Low"), 3: _("Okay"), 4: _("Good"), 5: _("Great")}

    @property
    def feeling_label(self) -> str:
        return self.FEELINGS.get(self.feeling, "")


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder to the resident")
    MISSED = "missed", _("Missed check-in, told to the coach and house manager")


class CheckInReminder(TenantModel):
    """One scheduled occurrence, sent once: its unique key is (kind, stay, day)."""

    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    # CASCADE although resident data: not a record, see CASCADE_ALLOWED in tests/recovery/test_deletions.py.
    stay = models.ForeignKey("residences.Stay", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "stay", "day"], name="one_check_in_reminder"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.day:%Y-%m-%d}"


class TalkRequest(TenantModel):
    """A resident's "I need to talk": asked at any hour, open until someone who looks after them answers it."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="talk_requests")
    # The home they lived in when they asked, so the house's staff can be told; None between homes.
    residence = models.ForeignKey(
        "residences.Residence", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        constraints = [
            # Asking again while someone is on the way changes nothing: the open one still stands.
            models.UniqueConstraint(
                fields=["organization", "resident"],
                condition=Q(answered_at__isnull=True),
                name="one_open_talk_request_per_resident",
            ),
        ]

    def __str__(self):
        return f"Talk request #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
