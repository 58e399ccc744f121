"""Emergency contacts, the recovery plan written with the resident (one per stay), and staff case notes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = [
    "CaseNote",
    "Domain",
    "EmergencyContact",
    "Goal",
    "GoalStatus",
    "Milestone",
    "PlanChange",
    "PlanComment",
    "PlanResource",
    "ProgressUpdate",
    "RecoveryPlan",
    "SelfCategory",
]


class Domain(models.TextChoices):
    SUBSTANCE_USE = "substance_use", _("Substance use")
    HOUSING = "housing", _("Housing")
    WORK_EDUCATION = "work_education", _("Work and education")
    FINANCES = "finances", _("Finances")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    FAMILY = "family", _("Family and relationships")
    COMMUNITY = "community", _("Community")
    LEGAL = "legal", _("Legal")
    MEANING = "meaning", _("Meaning and spirituality")
    LIFE_SKILLS = "life_skills", _("Life skills")


class SelfCategory(models.TextChoices):
    """S.E.L.F. (Sanctuary model): safety, emotions, loss, future."""

    SAFETY = "safety", _("Safety")
    EMOTIONS = "emotions", _("Emotions")
    LOSS = "loss", _("Loss")
    FUTURE = "future", _("Future")


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    ON_HOLD = "on_hold", _("On hold")
    DROPPED = "dropped", _("No longer a goal")


class EmergencyContact(TenantModel):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="emergency_contacts")
    name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=80, blank=True)
    phone = models.CharField(max_length=30)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RecoveryPlan(TenantModel):
    """The plan of one stay. The exit plan (where next, supports in place) is part of it, as NARR requires."""

    stay = models.OneToOneField("residences.Stay", on_delete=models.PROTECT, related_name="recovery_plan")
    exit_where_next = models.CharField("where next", max_length=200, blank=True)
    exit_supports = models.TextField("supports in place", blank=True)
    # Clinical-style documentation: shown and kept only where the home turns it on (levels 1 and 2: off by default).
    clinical_considerations = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "stay"], name="one_recovery_plan_per_stay")]

    def __str__(self):
        return f"Recovery plan of {self.stay}"


class Goal(TenantModel):
    plan = models.ForeignKey(RecoveryPlan, on_delete=models.PROTECT, related_name="goals")
    domain = models.CharField(max_length=30, choices=Domain.choices)
    title = models.CharField("goal", max_length=200)
    why = models.TextField("why it matters", blank=True)
    status = models.CharField(max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED)
    self_category = models.CharField("S.E.L.F. category", max_length=20, choices=SelfCategory.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain", "created_at"]

    def __str__(self):
        return self.title


class Milestone(TenantModel):
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField("milestone", max_length=200)
    target_date = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["target_date", "pk"]

    def __str__(self):
        return self.title


class PlanResource(TenantModel):
    """A partner or a person who helps with a goal."""

    class Kind(models.TextChoices):
        PARTNER = "partner", _("Partner organization")
        PERSON = "person", _("Person")

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="resources")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PARTNER)
    name = models.CharField(max_length=150)
    contact = models.CharField(max_length=150, blank=True)

    def __str__(self):
        return self.name


class ProgressUpdate(TenantModel):
    """What the resident says about a goal, from their phone."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="progress_updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("progress")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class PlanComment(TenantModel):
    """A comment by staff or a coach on a goal; the resident sees it."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("comment")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class PlanChange(TenantModel):
    """One line of a plan's history, written by the plan services; the resident's timeline reads it."""

    plan = models.ForeignKey(RecoveryPlan, on_delete=models.PROTECT, related_name="changes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    summary = models.CharField(max_length=200)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]


class CaseNote(TenantModel):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="case_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("note")
    shared_with_resident = models.BooleanField(default=False, help_text=_("Staff-only unless ticked."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
