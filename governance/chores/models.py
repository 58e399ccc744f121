"""Chores: each home's chore list, the weekly rotation (one per home per week) and each assignment's story:
done by the resident, checked by the chore coordinator or a manager, or missed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["Chore", "ChoreAssignment", "ChoreFrequency", "ChoreWeek"]


class ChoreFrequency(models.TextChoices):
    DAILY = "daily", _("Every day")
    TWICE_WEEKLY = "twice_weekly", _("Twice a week")
    WEEKLY = "weekly", _("Once a week")


class Chore(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.CASCADE, related_name="chores")
    name = models.CharField(max_length=80)
    frequency = models.CharField(
        "how often", max_length=15, choices=ChoreFrequency.choices, default=ChoreFrequency.WEEKLY
    )
    notes = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["residence_id", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence", "name"], name="chore_name_unique_per_home"),
        ]

    def __str__(self):
        return self.name


class ChoreWeek(TenantModel):
    """One turn of a home's rotation: the week starting on Monday `week_of` (the unique key per home per week)."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.CASCADE, related_name="chore_weeks")
    week_of = models.DateField()
    turn = models.PositiveIntegerField(help_text=_("0 for the home's first week, 1 for the next, and so on."))
    # Where the deal of turns stopped this week: the stay of the last resident dealt a chore. Next week's deal
    # starts with the resident after them in rotation order, whether or not they still live there.
    dealt_through = models.ForeignKey(
        "residences.Stay", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-week_of"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence", "week_of"], name="one_chore_week_per_home"),
        ]

    def __str__(self):
        return f"Week of {self.week_of:%Y-%m-%d}"


class ChoreAssignment(TenantModel):
    week = models.ForeignKey(ChoreWeek, on_delete=models.PROTECT, related_name="assignments")
    chore = models.ForeignKey(Chore, on_delete=models.PROTECT, related_name="assignments")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="chore_assignments")
    done_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    missed_at = models.DateTimeField(null=True, blank=True)
    missed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    missed_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["week_id", "chore__name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "week", "chore"], name="one_assignment_per_chore_and_week"),
        ]

    def __str__(self):
        return f"{self.chore} ({self.week})"

    @property
    def state(self) -> str:
        if self.missed_at:
            return "missed"
        if self.checked_at:
            return "checked"
        if self.done_at:
            return "done"
        return "to do"
