"""Incidents in a home: what happened, who was there, what was done at once, follow-up actions, and the
red-flag review (a shared look at what happened, what helped and what we change — never a disciplinary record)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel
from residents.plans.models import SelfCategory

__all__ = ["FollowUpAction", "Incident", "IncidentKind", "IncidentReview", "Severity"]


class IncidentKind(models.TextChoices):
    SAFETY_THREAT = "safety_threat", _("Safety threat")
    VIOLENCE = "violence", _("Violence")
    MEDICAL = "medical", _("Overdose or medical emergency")
    RETURN_TO_USE = "return_to_use", _("Return to use")
    PROPERTY = "property", _("Damage to property")
    THEFT = "theft", _("Theft")
    CONFLICT = "conflict", _("Conflict")
    CURFEW = "curfew", _("Curfew")
    VISITOR = "visitor", _("Visitor")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class Incident(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(max_length=20, choices=IncidentKind.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.LOW)
    occurred_at = models.DateTimeField("when it happened")
    location = models.CharField("where", max_length=200, blank=True)
    description = models.TextField("what happened", max_length=5000)
    involved = models.ManyToManyField("residents.Resident", blank=True, related_name="incidents_involved_in")
    witnesses = models.ManyToManyField("residents.Resident", blank=True, related_name="incidents_witnessed")
    others_involved = models.TextField("others involved or who saw it", blank=True, max_length=1000)
    naloxone_given = models.BooleanField("naloxone given", default=False)
    called_911 = models.BooleanField("911 called", default=False)
    other_action = models.TextField("anything else done at once", blank=True, max_length=1000)
    self_category = models.CharField("S.E.L.F. category", max_length=20, choices=SelfCategory.choices, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A confidential report hides the reporter's name from residents; admins and the home's managers see it.
    confidential = models.BooleanField("keep my name from other residents", default=False)
    resolution = models.TextField(blank=True, max_length=3000)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(resolution=""), name="incident_resolved_with_a_resolution"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} incident #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class IncidentReview(TenantModel):
    """The red-flag review of one incident: anyone may call it; critical incidents open one by themselves."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reviews")
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    called_at = models.DateTimeField()
    what_happened = models.TextField(blank=True, max_length=5000)
    what_helped = models.TextField(blank=True, max_length=5000)
    what_we_change = models.TextField("what we change", blank=True, max_length=5000)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "incident"], name="one_red_flag_review_per_incident"),
        ]

    def __str__(self):
        return f"Red-flag review #{self.pk}"


class FollowUpAction(TenantModel):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description
