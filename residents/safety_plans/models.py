"""The resident's personal safety plan and every member's self-care plan (Sanctuary-inspired)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class SafetyPlan(TenantModel):
    """A resident's safety plan: theirs to keep on their phone; their coach and staff can read it."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="safety_plans")
    warning_signs = models.TextField(_("my warning signs"), blank=True)
    coping_strategies = models.TextField(_("things I can do on my own"), blank=True)
    people_and_places = models.TextField(_("people and places that help me"), blank=True)
    # One per line: "Name: phone number". Shown as tap-to-call links.
    people_to_call = models.TextField(
        _("people I can call"), blank=True, help_text=_("One per line, like: Sam: 555-0100")
    )
    professional_contacts = models.TextField(_("professionals I can call"), blank=True, help_text=_("One per line."))
    naloxone_location = models.CharField(_("where the naloxone is in the house"), max_length=200, blank=True)
    safe_environment = models.TextField(_("making my surroundings safe"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "resident"], name="one_safety_plan_per_resident"),
        ]

    def __str__(self):
        return "Safety plan"


class SelfCarePlan(TenantModel):
    """A self-care plan for any member, residents and staff alike, with a periodic review reminder."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="self_care_plans")
    daily = models.TextField(_("every day I will"), blank=True)
    weekly = models.TextField(_("every week I will"), blank=True)
    when_stressed = models.TextField(_("when I notice stress building, I will"), blank=True)
    supports = models.TextField(_("people who support me"), blank=True)
    review_every_days = models.PositiveSmallIntegerField(_("look at this plan again every (days)"), default=30)
    next_review_on = models.DateField()
    reminded_for = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_self_care_plan_per_member"),
            models.CheckConstraint(
                condition=Q(review_every_days__gte=7, review_every_days__lte=180),
                name="self_care_review_every_7_to_180_days",
            ),
        ]

    def __str__(self):
        return "Self-care plan"
