"""Phases: each home's steps from orientation to senior resident, the resident's place on them, and the
house's celebrations (entry, each step up, a good exit) and alumni who stay connected."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = [
    "AdvanceRequest",
    "AdvanceRequestStatus",
    "Alumnus",
    "Celebration",
    "CelebrationKind",
    "Phase",
    "PhaseStep",
]


class Phase(TenantModel):
    """One step of a home's programme, with what it asks (meetings a week, curfew, length) and allows."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(help_text=_("1 for the first phase, 2 for the next, and so on."))
    name = models.CharField(max_length=80)
    description = models.TextField("what this phase is about", blank=True)
    meetings_per_week = models.PositiveSmallIntegerField("outside meetings a week", default=0)
    curfew = models.TimeField(null=True, blank=True, help_text=_("Leave empty to use the home's curfew."))
    minimum_weeks = models.PositiveSmallIntegerField("at least this many weeks", default=0)
    overnight_passes_per_month = models.PositiveSmallIntegerField(default=0)
    # Senior residents may mentor newcomers (peer support); the house manager still decides each pairing.
    may_mentor = models.BooleanField("residents in this phase may mentor newcomers", default=False)

    class Meta:
        ordering = ["residence_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence", "position"], name="phase_position_unique"),
            models.UniqueConstraint(fields=["organization", "residence", "name"], name="phase_name_unique"),
            models.CheckConstraint(condition=Q(position__gte=1), name="phase_position_from_one"),
        ]

    def __str__(self):
        return self.name


class PhaseStep(TenantModel):
    """A stretch of a stay in one phase. The history is every step; the open one is where they are now."""

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="phase_steps")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="steps")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_house_vote = models.BooleanField("decided by the house", default=False)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "stay"], condition=Q(ended_on__isnull=True), name="one_current_phase_per_stay"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="phase_step_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.phase} from {self.started_on:%Y-%m-%d}"


class AdvanceRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Not yet")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AdvanceRequest(TenantModel):
    """A resident asks to move up a phase; staff or the house decide, with a reason either way."""

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="advance_requests")
    to_phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+")
    why_ready = models.TextField("why I am ready")
    status = models.CharField(max_length=10, choices=AdvanceRequestStatus.choices, default=AdvanceRequestStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_house_vote = models.BooleanField("decided by the house", default=False)
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "stay"], condition=Q(status="pending"), name="one_pending_advance_request"
            ),
        ]

    def __str__(self):
        return f"Request to move to {self.to_phase}"


class CelebrationKind(models.TextChoices):
    ENTRY = "entry", _("Welcome")
    STEP_UP = "step_up", _("Moved up a phase")
    GOOD_EXIT = "good_exit", _("Graduated")


class Celebration(TenantModel):
    """A milestone the house can celebrate: someone arrived, stepped up, or left well."""

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="celebrations")
    kind = models.CharField(max_length=10, choices=CelebrationKind.choices)
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        constraints = [
            # Entry and graduation happen once per stay; each phase is reached once.
            models.UniqueConstraint(
                fields=["organization", "stay", "kind"], condition=~Q(kind="step_up"), name="one_entry_and_exit"
            ),
            models.UniqueConstraint(
                fields=["organization", "stay", "phase"], condition=Q(kind="step_up"), name="one_step_up_per_phase"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class Alumnus(TenantModel):
    """After a good exit a resident may stay connected: events, mentoring newcomers, the alumni list."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="alumni_records")
    since = models.DateField()
    stay_connected = models.BooleanField(default=True)
    willing_to_mentor = models.BooleanField(default=False)
    contact_note = models.CharField("how they like to be reached", max_length=200, blank=True)

    class Meta:
        ordering = ["-since"]
        verbose_name_plural = "alumni"
        constraints = [models.UniqueConstraint(fields=["organization", "resident"], name="one_alumni_record")]

    def __str__(self):
        return f"Alumnus since {self.since:%Y-%m-%d}"
