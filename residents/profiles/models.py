"""The resident's profile: a person who lives, or has lived, in one of the organization's homes.

The profile (contacts, pathways, consents, plans) grows in later features; admissions need the core now.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class Pathway(models.TextChoices):
    TWELVE_STEP = "12_step", _("12-step")
    SMART = "smart", _("SMART Recovery")
    MAT = "mat", _("Medication for addiction treatment (MAT)")
    FAITH_BASED = "faith_based", _("Faith-based")
    OTHER = "other", _("Other")


class JusticeInvolvement(models.TextChoices):
    NONE = "none", _("None")
    PROBATION = "probation", _("Probation")
    PAROLE = "parole", _("Parole")
    DRUG_COURT = "drug_court", _("Drug court")


class Resident(TenantModel):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    # Recovery is not one road: the start date is optional and the pathways are a list of Pathway values.
    recovery_start_date = models.DateField(null=True, blank=True)
    pathways = models.JSONField(default=list, blank=True)
    work_or_school = models.CharField("work and school", max_length=200, blank=True)
    justice_involvement = models.CharField(max_length=20, choices=JusticeInvolvement.choices, blank=True)
    # Shown only to staff who look after the resident, and only while a consent to report to the officer holds.
    justice_officer_name = models.CharField("officer to whom reports go", max_length=150, blank=True)
    justice_officer_contact = models.CharField("officer's phone or email", max_length=150, blank=True)
    # The resident's own sign-in, once they have accepted an invitation.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="resident_records"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_resident_record_per_user"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}".strip()

    @property
    def pathway_labels(self) -> list[str]:
        labels = dict(Pathway.choices)
        return [str(labels.get(value, value)) for value in self.pathways]
