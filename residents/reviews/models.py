"""Progress reviews: a stay's reviews on the home's cadence, signed by the resident and the reviewer, with
progress recorded per goal of the plan."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from recovery.tenancy import TenantModel


class ProgressReview(TenantModel):
    """One review of a stay, due on one date: created once per due date (the unique key), then completed."""

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="progress_reviews")
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

    review = models.ForeignKey(ProgressReview, on_delete=models.PROTECT, related_name="goal_progress")
    goal = models.ForeignKey("residents.Goal", on_delete=models.PROTECT, related_name="review_progress")
    note = models.TextField()

    class Meta:
        ordering = ["goal__domain", "goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "review", "goal"], name="one_progress_note_per_goal"),
        ]

    def __str__(self):
        return f"Progress on goal {self.goal_id}"
