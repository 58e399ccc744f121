"""House meetings: each home's weekly slot, the meetings themselves (agenda, attendance, minutes), the motions the
house votes on, who has voted, and the decisions log the house reads.

A secret ballot keeps no row that links a person to a choice: `Ballot` records only THAT a resident voted (one
per motion and resident, a database constraint), and the choice goes into the motion's tally, whose three
counters always change together (see meeting_services.cast_vote), so neither a row nor an audit event says which
one moved.

The electorate is fixed when voting opens (`MotionElector`, one row per resident living in the home that day):
quorum is measured against it, only its members can vote, and no tally can count more voters than it holds
(a database constraint). A secret ballot cannot drop a choice later, so the count it is measured against must not
move either: someone who moves out keeps the ballot they cast, someone who moves in later cannot vote.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Quorum(models.TextChoices):
    MAJORITY = "majority", _("More than half of the residents")
    TWO_THIRDS = "two_thirds", _("Two thirds of the residents")
    ONE_THIRD = "one_third", _("One third of the residents")


class MeetingSchedule(TenantModel):
    """When a home meets (a weekday and a time) and what a vote needs to count (its quorum)."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, default=Weekday.SUNDAY)
    starts_at = models.TimeField("time")
    place = models.CharField(max_length=120, blank=True, default="Living room")
    quorum = models.CharField(max_length=20, choices=Quorum.choices, default=Quorum.MAJORITY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence"], name="one_meeting_schedule_per_home"),
            models.CheckConstraint(condition=models.Q(weekday__gte=0, weekday__lte=6), name="meeting_weekday_0_to_6"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()}s at {self.starts_at:%H:%M}"


class HouseMeeting(TenantModel):
    """One house meeting. One per home and date: scheduling twice does nothing twice."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="house_meetings")
    held_on = models.DateField()
    starts_at = models.TimeField()
    place = models.CharField(max_length=120, blank=True)
    cancelled = models.BooleanField(default=False)
    minutes = models.TextField(blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    minutes_updated_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The later meeting at which the house approved these minutes.
    minutes_approved_at_meeting = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="approved_minutes_of"
    )

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence", "held_on"], name="one_house_meeting_per_day"),
        ]

    def __str__(self):
        return f"House meeting {self.held_on:%Y-%m-%d}"


class AgendaItem(TenantModel):
    meeting = models.ForeignKey(HouseMeeting, on_delete=models.PROTECT, related_name="agenda_items")
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class MeetingAttendance(TenantModel):
    meeting = models.ForeignKey(HouseMeeting, on_delete=models.PROTECT, related_name="attendance")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "meeting", "resident"], name="one_attendance_mark_per_resident"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AttendanceStatus.values), name="attendance_status_is_known"
            ),
        ]


class MotionResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Did not pass")
    NO_QUORUM = "no_quorum", _("No quorum")


class VoteChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


VOTES_CAST = models.F("yes_count") + models.F("no_count") + models.F("abstain_count")


class Motion(TenantModel):
    """A question the house votes on: one current resident of the home, one vote."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="motions")
    meeting = models.ForeignKey(HouseMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="motions")
    title = models.CharField("the motion", max_length=300)
    details = models.TextField(blank=True)
    secret = models.BooleanField("secret ballot", default=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The tally. The three counters always change together (one update naming all three).
    yes_count = models.PositiveIntegerField(default=0)
    no_count = models.PositiveIntegerField(default=0)
    abstain_count = models.PositiveIntegerField(default=0)
    # Fixed when voting opens (`electorate_fixed_at`): how many could vote (the MotionElector rows) and how many
    # must for a quorum. Fixed when the vote closes: the outcome.
    electorate_fixed_at = models.DateTimeField(null=True, blank=True)
    eligible_count = models.PositiveIntegerField(null=True, blank=True)
    quorum_needed = models.PositiveIntegerField(null=True, blank=True)
    result = models.CharField(max_length=20, choices=MotionResult.choices, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True, result="") | models.Q(closed_at__isnull=False),
                name="motion_result_only_when_closed",
            ),
            # Motions whose electorate was fixed (all since issue 14) never count more voters than could vote.
            models.CheckConstraint(
                condition=models.Q(electorate_fixed_at__isnull=True) | models.Q(eligible_count__gte=VOTES_CAST),
                name="motion_votes_never_exceed_electorate",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def votes_cast(self) -> int:
        return self.yes_count + self.no_count + self.abstain_count


class Ballot(TenantModel):
    """That a resident voted on a motion, and nothing more for a secret ballot (`choice` stays blank).

    For an open vote, `choice` is the resident's vote, which the house may read."""

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="ballots")
    voter = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=VoteChoice.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "motion", "voter"], name="one_ballot_per_motion_and_voter"),
        ]

    def __str__(self):
        return f"Ballot on motion {self.motion_id}"


class MotionElector(TenantModel):
    """A resident who could vote on a motion: everyone living in the home on the day voting opened, and nobody
    else. Says nothing about whether or how they voted."""

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="electors")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "motion", "resident"], name="one_elector_row_per_motion_and_resident"
            ),
        ]

    def __str__(self):
        return f"Elector on motion {self.motion_id}"


class HouseDecision(TenantModel):
    """The house's decisions log: what was decided, when, and (if by vote) the motion behind it."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(
        HouseMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    motion = models.OneToOneField(Motion, on_delete=models.SET_NULL, null=True, blank=True, related_name="decision")
    summary = models.CharField(max_length=400)
    decided_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return self.summary


# What `governance.models` star-imports from here: the models and their choices, nothing else.
__all__ = [
    "AgendaItem",
    "AttendanceStatus",
    "Ballot",
    "HouseDecision",
    "HouseMeeting",
    "MeetingAttendance",
    "MeetingSchedule",
    "Motion",
    "MotionElector",
    "MotionResult",
    "Quorum",
    "VoteChoice",
    "Weekday",
]
