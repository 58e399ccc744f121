"""Mentoring: who may mentor (a senior resident, an alumnus or a coach) with their limit of mentees, each
pairing the house manager decides on, and a light log of contacts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["DEFAULT_MENTEE_LIMIT", "ContactHow", "Mentor", "MentorContact", "Mentorship"]

DEFAULT_MENTEE_LIMIT = 3


class Mentor(TenantModel):
    """A person who mentors: either a resident (a senior resident or an alumnus) or a member with the coach role.

    One row per person, created the first time they are paired; it carries their limit of mentees, and the
    mentorship service locks it so two managers cannot both give away the last place.
    """

    resident = models.OneToOneField(
        "residents.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="mentor_profile"
    )
    membership = models.OneToOneField(
        "recovery.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="mentor_profile"
    )
    mentee_limit = models.PositiveSmallIntegerField("at most this many mentees", default=DEFAULT_MENTEE_LIMIT)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(resident__isnull=False) & Q(membership__isnull=True))
                | (Q(resident__isnull=True) & Q(membership__isnull=False)),
                name="mentor_is_a_resident_or_a_coach",
            ),
            models.UniqueConstraint(fields=["organization", "resident"], name="one_mentor_row_per_resident"),
            models.UniqueConstraint(fields=["organization", "membership"], name="one_mentor_row_per_coach"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.resident_id:
            return self.resident.display_name
        user = self.membership.user
        return user.get_full_name() or user.email or user.username

    @property
    def user_id(self):
        return self.resident.user_id if self.resident_id else self.membership.user_id


class Mentorship(TenantModel):
    """A newcomer paired with a mentor, from the day it starts until it ends (with a reason)."""

    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="mentorships")
    mentee = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="mentorships")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField("why it ended", max_length=200, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "mentor", "mentee"],
                condition=Q(ended_on__isnull=True),
                name="one_open_mentorship_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="mentorship_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""), name="mentorship_end_has_a_reason"
            ),
        ]

    def __str__(self):
        return f"Mentorship from {self.started_on:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class ContactHow(models.TextChoices):
    CALL = "call", _("Call")
    TEXT = "text", _("Text")
    IN_PERSON = "in_person", _("In person")


class MentorContact(TenantModel):
    """One contact between mentor and mentee: when, how, and a short note (not a case note)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.PROTECT, related_name="contacts")
    on = models.DateField()
    how = models.CharField(max_length=10, choices=ContactHow.choices)
    note = models.CharField("short note", max_length=280, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.get_how_display()} on {self.on:%Y-%m-%d}"
