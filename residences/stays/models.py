"""Stays and bed assignments.

A stay is a resident's continuous time in the organization's housing, from move-in to move-out; it may cross
beds and houses. Each bed assignment is one stretch in one bed, so transfers keep their history. No bed is
ever double-booked: on PostgreSQL an exclusion constraint over each assignment's date range per bed (see
migration 0003), in every database the admission service's row lock and overlap check.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class DischargeReason(models.TextChoices):
    COMPLETED = "completed", _("Completed the program")
    INDEPENDENT_LIVING = "independent_living", _("Moved to independent living")
    LEFT_VOLUNTARILY = "left_voluntarily", _("Left voluntarily")
    RETURN_TO_USE = "return_to_use", _("Return to use")
    RULE_VIOLATION = "rule_violation", _("Rule violation")
    NON_PAYMENT = "non_payment", _("Non-payment")
    HIGHER_LEVEL_OF_CARE = "higher_level_of_care", _("Higher level of care")
    INCARCERATION = "incarceration", _("Incarceration")
    DEATH = "death", _("Death")
    OTHER = "other", _("Other")


# Reasons that count as a good exit: the house can celebrate them.
GOOD_EXITS = frozenset({DischargeReason.COMPLETED, DischargeReason.INDEPENDENT_LIVING})


class Stay(TenantModel):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="stays")
    application = models.OneToOneField(
        "residences.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="stay"
    )
    move_in = models.DateField()
    expected_move_out = models.DateField(null=True, blank=True)
    move_out = models.DateField(null=True, blank=True)
    discharge_reason = models.CharField(max_length=30, choices=DischargeReason.choices, blank=True)
    destination = models.CharField(max_length=200, blank=True, help_text=_("Where they went next, if known."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-move_in"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "resident"],
                condition=models.Q(move_out__isnull=True),
                name="one_open_stay_per_resident",
            ),
            models.CheckConstraint(
                condition=models.Q(move_out__isnull=True) | models.Q(move_out__gte=models.F("move_in")),
                name="stay_moves_out_after_moving_in",
            ),
            models.CheckConstraint(
                condition=models.Q(move_out__isnull=True) | ~models.Q(discharge_reason=""),
                name="stay_move_out_has_a_reason",
            ),
        ]

    def __str__(self):
        return f"Stay from {self.move_in:%Y-%m-%d}"


class BedAssignment(TenantModel):
    """One stretch of a stay in one bed: from `starts_on` until `ends_on` (exclusive; open while current)."""

    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="bed_assignments")
    bed = models.ForeignKey("residences.Bed", on_delete=models.PROTECT, related_name="assignments")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=models.F("starts_on")),
                name="bed_assignment_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["bed", "starts_on"], name="bed_assignment_bed_start")]

    def __str__(self):
        return f"{self.bed} from {self.starts_on:%Y-%m-%d}"
