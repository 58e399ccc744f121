"""Groups and life-skills workshops: the curriculum, its sessions, RSVPs and attendance."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["Workshop", "WorkshopAttendance", "WorkshopRsvp", "WorkshopSession", "WorkshopTopic"]


class WorkshopTopic(models.TextChoices):
    FINANCIAL_MANAGEMENT = "financial_management", _("Financial management")
    JOB_READINESS = "job_readiness", _("Job readiness")
    TIME_MANAGEMENT = "time_management", _("Time management")
    COMMUNICATION = "communication", _("Communication")
    CONFLICT_RESOLUTION = "conflict_resolution", _("Conflict resolution")
    RELAPSE_PREVENTION = "relapse_prevention", _("Relapse prevention")
    HEALTHY_LIVING = "healthy_living", _("Healthy living and cooking")
    PARENTING_FAMILY = "parenting_family", _("Parenting and family")
    PEER_GROUP = "peer_group", _("Peer support group")
    OTHER = "other", _("Other")


class Workshop(TenantModel):
    """One entry of the curriculum: a topic and its own title ("Budgeting on a first paycheck")."""

    topic = models.CharField(max_length=30, choices=WorkshopTopic.choices)
    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["topic", "title"]

    def __str__(self):
        return self.title


class WorkshopSession(TenantModel):
    """A session of a workshop, for one home (or all homes when `residence` is empty)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="sessions")
    residence = models.ForeignKey(
        "residences.Residence", on_delete=models.PROTECT, null=True, blank=True, related_name="workshop_sessions"
    )
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=150)
    # A staff member or a peer resident leads it: exactly one of the two.
    facilitator_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    facilitator_resident = models.ForeignKey(
        "residents.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField("session notes", blank=True)
    materials = models.TextField("materials", blank=True, help_text=_("Links (one per line) and short text."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(facilitator_user__isnull=False) & Q(facilitator_resident__isnull=False)),
                name="workshop_session_one_facilitator",
            ),
        ]

    def __str__(self):
        return f"Session of {self.starts_at:%Y-%m-%d}"

    @property
    def facilitator_name(self) -> str:
        if self.facilitator_resident_id:
            return self.facilitator_resident.display_name
        if self.facilitator_user_id:
            return self.facilitator_user.get_full_name() or "Staff"
        return ""


class WorkshopRsvp(TenantModel):
    # CASCADE although resident data: not a record, see CASCADE_ALLOWED in tests/recovery/test_deletions.py.
    session = models.ForeignKey(WorkshopSession, on_delete=models.CASCADE, related_name="rsvps")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="workshop_rsvps")
    going = models.BooleanField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "session", "resident"], name="one_rsvp_per_session"),
        ]


class WorkshopAttendance(TenantModel):
    session = models.ForeignKey(WorkshopSession, on_delete=models.PROTECT, related_name="attendance")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="workshop_attendance")
    present = models.BooleanField()
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "session", "resident"], name="one_attendance_per_session"),
        ]
