"""Community: partner organizations (linked to recovery-plan goals), recovery events and volunteering, and
community service hours."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["CommunityEvent", "EventKind", "EventRsvp", "GoalPartner", "Partner", "ServiceHours", "ServiceKind"]


class ServiceKind(models.TextChoices):
    TREATMENT = "treatment", _("Treatment and counseling")
    MAT = "mat", _("Medication (MAT)")
    EMPLOYMENT = "employment", _("Jobs and training")
    EDUCATION = "education", _("Education")
    LEGAL = "legal", _("Legal aid")
    HEALTH = "health", _("Health care")
    FOOD = "food", _("Food")
    TRANSPORT = "transport", _("Transport")
    FAITH = "faith", _("Faith community")
    MUTUAL_AID = "mutual_aid", _("Mutual-aid meetings")
    BENEFITS = "benefits", _("Benefits and ID")
    OTHER = "other", _("Other")


class Partner(TenantModel):
    name = models.CharField(max_length=150)
    services = models.JSONField(default=list, blank=True, help_text=_("A list of ServiceKind values."))
    contacts = models.CharField("contact people", max_length=200, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    address = models.CharField(max_length=250, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="one_partner_per_name")]

    def __str__(self):
        return self.name

    @property
    def service_labels(self) -> list[str]:
        labels = dict(ServiceKind.choices)
        return [str(labels.get(value, value)) for value in self.services]


class GoalPartner(TenantModel):
    """A recovery-plan goal points to a partner that helps with it."""

    # CASCADE although resident data: not a record, see CASCADE_ALLOWED in tests/recovery/test_deletions.py.
    goal = models.ForeignKey("residents.Goal", on_delete=models.CASCADE, related_name="partner_links")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="goal_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "goal", "partner"], name="one_link_per_goal_and_partner"),
        ]


class EventKind(models.TextChoices):
    RECOVERY_EVENT = "recovery_event", _("Recovery event")
    VOLUNTEERING = "volunteering", _("Volunteering")


class CommunityEvent(TenantModel):
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    title = models.CharField(max_length=150)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    partner = models.ForeignKey(Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


class EventRsvp(TenantModel):
    # CASCADE although resident data: not a record, see CASCADE_ALLOWED in tests/recovery/test_deletions.py.
    event = models.ForeignKey(CommunityEvent, on_delete=models.CASCADE, related_name="rsvps")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="event_rsvps")
    going = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "event", "resident"], name="one_rsvp_per_event"),
        ]


class ServiceHours(TenantModel):
    """Community service a resident did, in hours, verified by staff."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="service_hours")
    on = models.DateField("date")
    hours = models.DecimalField(max_digits=4, decimal_places=1)
    where = models.CharField(max_length=150)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="service_hours_from_0_to_24"),
        ]

    def __str__(self):
        return f"{self.hours} hours on {self.on:%Y-%m-%d}"
