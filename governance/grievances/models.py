"""Grievances a resident files (about the house manager: to the admins only), and mediation records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["Grievance", "GrievanceRoute", "Mediation"]


class GrievanceRoute(models.TextChoices):
    HOUSE = "house", _("The house manager and admins")
    ADMINS = "admins", _("Admins only (it is about the house manager)")


class Grievance(TenantModel):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="grievances")
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="grievances")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    about_house_manager = models.BooleanField("it is about the house manager", default=False)
    route = models.CharField(max_length=10, choices=GrievanceRoute.choices)
    subject = models.CharField(max_length=200)
    details = models.TextField(max_length=5000)
    what_would_help = models.TextField("what would put it right", blank=True, max_length=2000)
    response_due_on = models.DateField()
    response = models.TextField(blank=True, max_length=5000)
    outcome = models.CharField(max_length=200, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response_due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(about_house_manager=False) | models.Q(route="admins"),
                name="grievance_about_manager_goes_to_admins",
            ),
        ]

    def __str__(self):
        return f"Grievance #{self.pk}"


class Mediation(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="mediations")
    parties = models.ManyToManyField("residents.Resident", related_name="mediations")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    facilitator_name = models.CharField(max_length=200, blank=True)
    issue = models.TextField("what it is about", max_length=3000)
    agreement = models.TextField(blank=True, max_length=3000)
    held_on = models.DateField()
    follow_up_on = models.DateField(null=True, blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Mediation #{self.pk}"
