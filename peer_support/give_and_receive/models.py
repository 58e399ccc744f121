"""Give and receive: a light log of help residents give one another (a ride, a talk, a meal)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["HelpExchange", "HelpKind"]


class HelpKind(models.TextChoices):
    RIDE = "ride", _("A ride")
    TALK = "talk", _("A talk")
    MEAL = "meal", _("A meal")
    OTHER = "other", _("Something else")


class HelpExchange(TenantModel):
    """One time a resident helped another. Either can log it; the other confirms it."""

    giver = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="help_given")
    receiver = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="help_received")
    kind = models.CharField(max_length=20, choices=HelpKind.choices)
    on = models.DateField("date")
    note = models.CharField(max_length=200, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(giver=F("receiver")), name="help_between_two_people"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.on:%Y-%m-%d}"
