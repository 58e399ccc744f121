"""Progress reviews, BARC-10 recovery-capital assessments, safety plans and self-care plans."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from recovery.tenancy import TenantModel

__all__ = [
    "BARC10_ITEM_FIELDS",
    "Barc10Assessment",
    "Barc10Occasion",
    "MatKind",
    "MatLogKind",
    "MatStorageLog",
    "Medication",
    "ProgressReview",
    "ReviewGoalProgress",
    "SafetyPlan",
    "SelfCarePlan",
]


class ProgressReview(TenantModel):
    """One review of a stay, due on one date: created once per due date (the unique key), then completed."""

    stay = models.ForeignKey("residences.Stay", on_delete=models.CASCADE, related_name="progress_reviews")
    due_on = models.DateField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Goals are their own feature; until it lands, progress toward each goal is written here in words.
    progress = models.TextField("progress on each goal", blank=True)
    reflection = models.TextField("the resident's own reflection", blank=True)
    next_steps = models.TextField(blank=True)
    resident_signed_name = models.CharField(max_length=200, blank=True)
    resident_signed_at = models.DateTimeField(null=True, blank=True)
    reviewer_signed_name = models.CharField(max_length=200, blank=True)
    reviewer_signed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "stay", "due_on"], name="one_progress_review_per_due_date"),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | (Q(resident_signed_at__isnull=False) & Q(reviewer_signed_at__isnull=False)),
                name="progress_review_completed_only_when_both_signed",
            ),
        ]

    def __str__(self):
        return f"Progress review due {self.due_on:%Y-%m-%d}"

    def is_overdue(self, today) -> bool:
        return self.completed_at is None and self.due_on < today


class ReviewGoalProgress(TenantModel):
    """Where one goal of the plan stood at one review, in words; part of what both people sign."""

    review = models.ForeignKey(ProgressReview, on_delete=models.CASCADE, related_name="goal_progress")
    goal = models.ForeignKey("residents.Goal", on_delete=models.CASCADE, related_name="review_progress")
    note = models.TextField()

    class Meta:
        ordering = ["goal__domain", "goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "review", "goal"], name="one_progress_note_per_goal"),
        ]

    def __str__(self):
        return f"Progress on goal {self.goal_id}"


class Barc10Occasion(models.TextChoices):
    MOVE_IN = "move_in", "Move-in"
    REVIEW = "review", "Progress review"
    MOVE_OUT = "move_out", "Move-out"
    OTHER = "other", "Other"


BARC10_ITEM_FIELDS = tuple(f"item_{n}" for n in range(1, 11))


def _answer_field(n: int):
    return models.PositiveSmallIntegerField(f"statement {n}")


class Barc10Assessment(TenantModel):
    """One completed BARC-10: ten answers from 1 (strongly disagree) to 6 (strongly agree); total 10 to 60."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="barc10_assessments")
    stay = models.ForeignKey(
        "residences.Stay", on_delete=models.SET_NULL, null=True, blank=True, related_name="barc10_assessments"
    )
    occasion = models.CharField(max_length=20, choices=Barc10Occasion.choices, default=Barc10Occasion.OTHER)
    taken_on = models.DateField()
    item_1 = _answer_field(1)
    item_2 = _answer_field(2)
    item_3 = _answer_field(3)
    item_4 = _answer_field(4)
    item_5 = _answer_field(5)
    item_6 = _answer_field(6)
    item_7 = _answer_field(7)
    item_8 = _answer_field(8)
    item_9 = _answer_field(9)
    item_10 = _answer_field(10)
    total = models.PositiveSmallIntegerField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taken_on", "created_at"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 6}), name=f"barc10_{name}_from_1_to_6"
                )
                for name in BARC10_ITEM_FIELDS
            ),
            models.CheckConstraint(condition=Q(total__gte=10, total__lte=60), name="barc10_total_from_10_to_60"),
            models.CheckConstraint(
                condition=Q(total=sum((F(name) for name in BARC10_ITEM_FIELDS[1:]), F(BARC10_ITEM_FIELDS[0]))),
                name="barc10_total_is_the_sum",
            ),
        ]

    def __str__(self):
        return f"BARC-10 of {self.taken_on:%Y-%m-%d}"

    @property
    def answers(self) -> list[int]:
        return [getattr(self, name) for name in BARC10_ITEM_FIELDS]


class SafetyPlan(TenantModel):
    """A resident's safety plan: theirs to keep on their phone; their coach and staff can read it."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="safety_plans")
    warning_signs = models.TextField("my warning signs", blank=True)
    coping_strategies = models.TextField("things I can do on my own", blank=True)
    people_and_places = models.TextField("people and places that help me", blank=True)
    # One per line: "Name: phone number". Shown as tap-to-call links.
    people_to_call = models.TextField("people I can call", blank=True, help_text="One per line, like: Sam: 555-0100")
    professional_contacts = models.TextField("professionals I can call", blank=True, help_text="One per line.")
    naloxone_location = models.CharField("where the naloxone is in the house", max_length=200, blank=True)
    safe_environment = models.TextField("making my surroundings safe", blank=True)
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

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_care_plans")
    daily = models.TextField("every day I will", blank=True)
    weekly = models.TextField("every week I will", blank=True)
    when_stressed = models.TextField("when I notice stress building, I will", blank=True)
    supports = models.TextField("people who support me", blank=True)
    review_every_days = models.PositiveSmallIntegerField("look at this plan again every (days)", default=30)
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


class MatKind(models.TextChoices):
    NONE = "", "Not MAT"
    BUPRENORPHINE = "buprenorphine", "Buprenorphine"
    METHADONE = "methadone", "Methadone"
    NALTREXONE = "naltrexone", "Naltrexone"


class Medication(TenantModel):
    """A resident's medication and who prescribed it; MAT is kept under the home's storage policy."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="medications")
    name = models.CharField(max_length=120)
    dose = models.CharField(max_length=120, blank=True, help_text="e.g. 8 mg film once a day")
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
    RECEIVED = "received", "Received into storage"
    SELF_ADMINISTERED = "self_administered", "Self-administered (observed)"
    RETURNED = "returned", "Returned to the resident or pharmacy"
    COUNT = "count", "Count"


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
