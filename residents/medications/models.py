"""Medications and MAT: what a resident takes, and the storage log of MAT kept on site."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class MatKind(models.TextChoices):
    NONE = "", _("Not MAT")
    BUPRENORPHINE = "buprenorphine", _("Buprenorphine")
    METHADONE = "methadone", _("Methadone")
    NALTREXONE = "naltrexone", _("Naltrexone")


class Medication(TenantModel):
    """A resident's medication and who prescribed it; MAT is kept under the home's storage policy."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="medications")
    name = models.CharField(max_length=120)
    dose = models.CharField(max_length=120, blank=True, help_text=_("e.g. 8 mg film once a day"))
    prescriber = models.CharField(max_length=200)
    mat_kind = models.CharField("MAT", max_length=20, choices=MatKind.choices, blank=True, default=MatKind.NONE)
    stored_on_site = models.BooleanField("kept in the house's locked storage", default=False)
    started_on = models.DateField(null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class MatLogKind(models.TextChoices):
    RECEIVED = "received", _("Received into storage")
    SELF_ADMINISTERED = "self_administered", _("Self-administered (observed)")
    RETURNED = "returned", _("Returned to the resident or pharmacy")
    COUNT = "count", _("Count")


class MatStorageLog(TenantModel):
    """The locked-storage log of one medication: movements in and out, and counts checked against them.

    A count stores what the log says should be there (`expected`); a count that differs is flagged.
    """

    medication = models.ForeignKey(Medication, on_delete=models.PROTECT, related_name="storage_log")
    kind = models.CharField(max_length=20, choices=MatLogKind.choices)
    at = models.DateTimeField()
    quantity = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    counted = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    expected = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    observed_by_name = models.CharField("observed or witnessed by", max_length=200, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="count", counted__gte=0, expected__isnull=False, quantity__isnull=True)
                    | (~Q(kind="count") & Q(quantity__gt=0, counted__isnull=True, expected__isnull=True))
                ),
                name="mat_log_count_or_movement",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def reconciles(self) -> bool | None:
        """For a count: whether it matches the log; None for a movement."""
        return None if self.kind != MatLogKind.COUNT else self.counted == self.expected
