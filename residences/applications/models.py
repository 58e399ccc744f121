"""Applications and the waitlist: a person asks for a bed; intake moves them through the pipeline."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("New")
    SCREENING = "screening", _("Screening")
    INTERVIEW = "interview", _("Interview")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = frozenset(
    {ApplicationStatus.NEW, ApplicationStatus.SCREENING, ApplicationStatus.INTERVIEW, ApplicationStatus.WAITLISTED}
)


class Application(TenantModel):
    # Only what intake needs to get in touch and find a bed; the profile comes after admission.
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    residence = models.ForeignKey(
        "residences.Residence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        help_text=_("The home they asked for, if any."),
    )
    hoped_move_in = models.DateField("hoped-for move-in date", null=True, blank=True)
    on_mat = models.BooleanField("on medication for addiction treatment (MAT)", default=False)
    referral_source = models.CharField(max_length=120, blank=True)
    message = models.TextField("anything we should know", blank=True, max_length=2000)

    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.NEW)
    priority = models.PositiveSmallIntegerField(default=3, help_text=_("1 is most urgent."))
    decline_reason = models.CharField(max_length=200, blank=True)
    house_consulted = models.BooleanField("the house was consulted", default=False)
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ApplicationStatus.DECLINED) | ~models.Q(decline_reason=""),
                name="declined_application_has_a_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(priority__gte=1, priority__lte=5), name="application_priority_1_to_5"
            ),
            models.CheckConstraint(condition=~models.Q(email="", phone=""), name="application_has_a_way_to_reach"),
        ]
        indexes = [models.Index(fields=["organization", "status", "priority"], name="application_pipeline")]

    def __str__(self):
        return f"Application {self.pk}"

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}".strip()


class ApplicationNote(TenantModel):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey("recovery.User", on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
