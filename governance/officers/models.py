"""House officers and elections: who holds which office in a home and for which term, nominations, and the
candidate ballot (always secret: `ElectionBallot` records only that a resident voted; the counts move on every
nomination of the election at once, so no row or audit event says whom a person chose).

As for house votes, the electorate is fixed when voting starts (`ElectionElector`): quorum is measured against it,
only its members can vote, and `votes_cast` never exceeds it (a database constraint)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

# Oxford House practice: officers rotate; after six months in a row in one office the house is reminded.
ROTATION_DAYS = 183


class Office(models.TextChoices):
    HOUSE_LEAD = "house_lead", _("House lead")
    SECRETARY = "secretary", _("Secretary")
    TREASURER = "treasurer", _("Treasurer")
    CHORE_COORDINATOR = "chore_coordinator", _("Chore coordinator")
    EXPEDITER = "expediter", _("Expediter")


class OfficerTerm(TenantModel):
    """A resident holds an office in a home from `starts_on` until `ends_on` (exclusive; open while serving)."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="officer_terms")
    office = models.CharField(max_length=30, choices=Office.choices)
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="officer_terms")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    election = models.ForeignKey(
        "governance.Election", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["office", "-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(office__in=Office.values), name="officer_term_office_is_known"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=models.F("starts_on")),
                name="officer_term_ends_after_it_starts",
            ),
            # One open-ended holder per office and home (dated terms are checked by the service under a lock).
            models.UniqueConstraint(
                fields=["organization", "residence", "office"],
                condition=models.Q(ends_on__isnull=True),
                name="one_open_term_per_office_and_home",
            ),
        ]

    def __str__(self):
        return f"{self.get_office_display()} from {self.starts_on:%Y-%m-%d}"


class ElectionStage(models.TextChoices):
    NOMINATING = "nominating", _("Taking nominations")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", _("Closed")


class ElectionResult(models.TextChoices):
    ELECTED = "elected", _("Elected")
    TIE = "tie", _("Tie: vote again")
    NO_QUORUM = "no_quorum", _("No quorum")
    NO_CANDIDATES = "no_candidates", _("Nobody stood")


class Election(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="elections")
    office = models.CharField(max_length=30, choices=Office.choices)
    meeting = models.ForeignKey(
        "governance.HouseMeeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="elections"
    )
    term_months = models.PositiveSmallIntegerField(default=6)
    stage = models.CharField(max_length=20, choices=ElectionStage.choices, default=ElectionStage.NOMINATING)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    votes_cast = models.PositiveIntegerField(default=0)
    # Fixed when voting starts: how many could vote (the ElectionElector rows) and how many must for a quorum.
    electorate_fixed_at = models.DateTimeField(null=True, blank=True)
    eligible_count = models.PositiveIntegerField(null=True, blank=True)
    quorum_needed = models.PositiveIntegerField(null=True, blank=True)
    result = models.CharField(max_length=20, choices=ElectionResult.choices, blank=True)
    winner = models.ForeignKey("residents.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(office__in=Office.values), name="election_office_is_known"),
            models.CheckConstraint(
                condition=models.Q(term_months__gte=1, term_months__lte=24), name="election_term_1_to_24_months"
            ),
            models.CheckConstraint(
                condition=models.Q(electorate_fixed_at__isnull=True)
                | models.Q(eligible_count__gte=models.F("votes_cast")),
                name="election_votes_never_exceed_electorate",
            ),
        ]

    def __str__(self):
        return f"Election for {self.get_office_display()}"


class Nomination(TenantModel):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="nominations")
    candidate = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    nominated_by = models.ForeignKey(
        "residents.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    votes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "election", "candidate"], name="one_nomination_per_candidate"
            ),
        ]

    def __str__(self):
        return f"Nomination in election {self.election_id}"


class ElectionElector(TenantModel):
    """A resident who could vote in an election: everyone living in the home on the day voting started."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="electors")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "election", "resident"], name="one_elector_row_per_election_and_resident"
            ),
        ]

    def __str__(self):
        return f"Elector in election {self.election_id}"


class ElectionBallot(TenantModel):
    """That a resident voted in an election, and nothing about whom they chose."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    voter = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "election", "voter"], name="one_ballot_per_election_and_voter"
            ),
        ]


# What `governance.models` star-imports from here.
__all__ = [
    "Election",
    "ElectionBallot",
    "ElectionElector",
    "ElectionResult",
    "ElectionStage",
    "Nomination",
    "OfficerTerm",
]
