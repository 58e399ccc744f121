"""Rule violations and the consequence ladder: each home's graduated responses, and each violation with its
evidence, the step taken, the resident's own statement, and an appeal."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["AppealStatus", "ConsequenceStep", "Violation"]

DEFAULT_LADDER = [
    ("Reminder", "A friendly word about the rule, and why it matters to the house."),
    ("Written warning", "A note in writing, read and talked through together."),
    ("Behaviour contract", "A short agreement on what changes, with a date to look at it again."),
    ("Loss of a privilege", "A privilege (a pass, a later curfew) paused for a set time."),
    ("House-meeting review", "The house talks it through at the next house meeting."),
    ("Discharge review", "A review of whether the stay can go on, with a plan for a safe next place."),
]


class ConsequenceStep(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="consequence_steps")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["residence", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "residence", "position"], name="one_consequence_step_per_position"
            ),
        ]

    def __str__(self):
        return self.name


class AppealStatus(models.TextChoices):
    NONE = "", _("Not appealed")
    PENDING = "pending", _("Waiting for a decision")
    UPHELD = "upheld", _("Upheld (the violation stands)")
    CHANGED = "changed", _("Changed (a different response)")
    OVERTURNED = "overturned", _("Overturned (the violation is set aside)")


class Violation(TenantModel):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="violations")
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="violations")
    rule = models.CharField("the rule", max_length=300)
    rule_version = models.ForeignKey(
        "residences.HouseRuleVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_version = models.ForeignKey(
        "residences.HouseRuleVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The latest version of the rules the resident had acknowledged by then."),
    )
    occurred_on = models.DateField()
    evidence = models.TextField(max_length=3000)
    step = models.ForeignKey(ConsequenceStep, on_delete=models.PROTECT, related_name="violations")
    suggested_step = models.ForeignKey(
        ConsequenceStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=40, blank=True, help_text='What raised it, e.g. "chore" or "drug_test".')
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resident_statement = models.TextField("in my own words", blank=True, max_length=3000)
    statement_at = models.DateTimeField(null=True, blank=True)
    appeal_reason = models.TextField(blank=True, max_length=3000)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_status = models.CharField(max_length=12, choices=AppealStatus.choices, blank=True, default="")
    appeal_outcome = models.TextField(blank=True, max_length=3000)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appeal_status="") | Q(appealed_at__isnull=False), name="violation_appeal_has_a_date"
            ),
        ]

    def __str__(self):
        return f"Violation #{self.pk}"

    @property
    def counts(self) -> bool:
        """Whether it counts on the resident's history (an overturned one does not)."""
        return self.appeal_status != AppealStatus.OVERTURNED
