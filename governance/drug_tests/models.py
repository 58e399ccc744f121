"""Drug and alcohol tests: scheduled and random (each random draw keeps its seed, pool and picks so it can be
re-checked), results per substance, lab confirmation, and the steps a home takes after a positive or a refusal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = [
    "DrugTest",
    "LabConfirmation",
    "Outcome",
    "RandomDraw",
    "ResponseStepKind",
    "Substance",
    "TestKind",
    "TestReason",
    "TestResponseStep",
    "TestResult",
    "TestingPolicy",
]


class TestKind(models.TextChoices):
    URINE = "urine", _("Urine panel")
    BREATH = "breath", _("Breath")
    ORAL = "oral", _("Oral fluid")


class TestReason(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    RANDOM = "random", _("Random")
    FOR_CAUSE = "for_cause", _("For cause")


class Substance(models.TextChoices):
    ALCOHOL = "alcohol", _("Alcohol")
    OPIOIDS = "opioids", _("Opioids")
    FENTANYL = "fentanyl", _("Fentanyl")
    BUPRENORPHINE = "buprenorphine", _("Buprenorphine")
    METHADONE = "methadone", _("Methadone")
    COCAINE = "cocaine", _("Cocaine")
    AMPHETAMINES = "amphetamines", _("Amphetamines")
    BENZODIAZEPINES = "benzodiazepines", _("Benzodiazepines")
    CANNABIS = "cannabis", _("Cannabis")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    POSITIVE = "positive", _("Positive")
    DILUTE = "dilute", _("Dilute")
    INVALID = "invalid", _("Invalid")
    REFUSED = "refused", _("Refused")


class LabConfirmation(models.TextChoices):
    NOT_SENT = "not_sent", _("Not sent to a lab")
    PENDING = "pending", _("Sent, waiting")
    CONFIRMED = "confirmed", _("Lab confirmed")
    NOT_CONFIRMED = "not_confirmed", _("Lab did not confirm")


class TestingPolicy(TenantModel):
    """A home's testing policy beyond its rate: why a high rate is needed, and when the ladder applies."""

    residence = models.OneToOneField("residences.Residence", on_delete=models.CASCADE, related_name="testing_policy")
    high_rate_reason = models.TextField("why this home tests more than twice a week", blank=True, max_length=2000)
    ladder_on_positive = models.BooleanField("a positive also goes on the consequence ladder", default=False)
    ladder_on_refusal = models.BooleanField("a refusal also goes on the consequence ladder", default=True)

    def __str__(self):
        return "Testing policy"


class RandomDraw(TenantModel):
    """One home's random draw for one day. Re-running random.Random(seed) over `pool` gives `picks` again."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="random_draws")
    drawn_for = models.DateField()
    rate_per_month = models.DecimalField(max_digits=4, decimal_places=2)
    seed = models.CharField(max_length=64)
    pool = models.JSONField(help_text=_("Resident ids in ascending order."))
    picks = models.JSONField(help_text=_("Resident ids drawn, in ascending order."))
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-drawn_for"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence", "drawn_for"], name="one_random_draw_per_day"),
        ]

    def __str__(self):
        return f"Random draw for {self.drawn_for:%Y-%m-%d}"


class DrugTest(TenantModel):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="drug_tests")
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="drug_tests")
    kind = models.CharField(max_length=10, choices=TestKind.choices, default=TestKind.URINE)
    reason = models.CharField(max_length=10, choices=TestReason.choices, default=TestReason.SCHEDULED)
    draw = models.ForeignKey(RandomDraw, on_delete=models.PROTECT, null=True, blank=True, related_name="tests")
    due_on = models.DateField()
    collected_at = models.DateTimeField(null=True, blank=True)
    observed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    observed_by_name = models.CharField("observed by", max_length=200, blank=True)
    lab_confirmation = models.CharField(
        max_length=15, choices=LabConfirmation.choices, default=LabConfirmation.NOT_SENT
    )
    lab_reference = models.CharField(max_length=100, blank=True)
    # Computed by testing_services.is_return_to_use when results are recorded; None until then.
    return_to_use = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "draw", "resident"],
                condition=models.Q(draw__isnull=False),
                name="one_test_per_resident_per_draw",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} test #{self.pk}"


class TestResult(TenantModel):
    test = models.ForeignKey(DrugTest, on_delete=models.PROTECT, related_name="results")
    substance = models.CharField(max_length=20, choices=Substance.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)

    class Meta:
        ordering = ["substance"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "test", "substance"], name="one_result_per_substance"),
        ]

    def __str__(self):
        return f"{self.get_substance_display()}: {self.get_outcome_display()}"


class ResponseStepKind(models.TextChoices):
    SAFETY = "safety", _("Safety first: check in, overdose risk, naloxone at hand")
    PLAN_REVIEW = "plan_review", _("Review the recovery plan together")
    REFERRAL = "referral", _("Consider a referral to a higher level of care")
    LADDER = "ladder", _("The consequence ladder, as the home's policy says")


class TestResponseStep(TenantModel):
    """One step a home takes after a positive (not prescribed) or a refused test; the resident sees every one."""

    test = models.ForeignKey(DrugTest, on_delete=models.PROTECT, related_name="response_steps")
    kind = models.CharField(max_length=15, choices=ResponseStepKind.choices)
    note = models.TextField(blank=True, max_length=2000)
    violation = models.ForeignKey(
        "governance.Violation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "test", "kind"], name="one_response_step_per_kind"),
        ]

    def __str__(self):
        return self.get_kind_display()
