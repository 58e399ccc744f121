"""The verbs of house officers: recording a term, nominations, the candidate ballot and closing an election
(the winner's term starts the day it closes, and the previous holder's term ends)."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Case, F, PositiveIntegerField, Q, When
from django.utils import timezone

from governance.house_meetings.services import electorate_at_opening
from governance.officers.models import (
    Election,
    ElectionBallot,
    ElectionElector,
    ElectionResult,
    ElectionStage,
    Nomination,
    Office,
    OfficerTerm,
)
from recovery.errors import DomainError
from recovery.tenancy import home_today
from residences.homes.selectors import residents_living_in
from residences.models import Residence


class OfficerProblem(DomainError):
    pass


def _lives_there(residence, resident, today) -> bool:
    return resident is not None and residents_living_in(residence, on=today).filter(pk=resident.pk).exists()


def start_term(
    *, residence: Residence, office: str, resident, starts_on: date, ends_on: date | None = None, election=None
) -> OfficerTerm:
    """`resident` takes `office` from `starts_on`; whoever held it then steps down that day."""
    if office not in Office.values:
        raise OfficerProblem("Choose one of the house offices.")
    if ends_on is not None and ends_on <= starts_on:
        raise OfficerProblem("A term ends after it starts.")
    if not _lives_there(residence, resident, starts_on):
        raise OfficerProblem("An officer must live in the house when the term starts.")
    with transaction.atomic():
        Residence.objects.select_for_update().filter(pk=residence.pk).first()  # one change of officers at a time
        running = OfficerTerm.objects.filter(residence=residence, office=office, starts_on__lte=starts_on).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
        )
        for term in running:
            if term.starts_on == starts_on:
                raise OfficerProblem("Someone's term in this office starts that same day; change that term instead.")
            term.ends_on = starts_on
            term.save()
        if OfficerTerm.objects.filter(residence=residence, office=office, starts_on__gt=starts_on).exists():
            raise OfficerProblem("A later term in this office is already recorded.")
        return OfficerTerm.objects.create(
            residence=residence,
            office=office,
            resident=resident,
            starts_on=starts_on,
            ends_on=ends_on,
            election=election,
        )


def end_term(*, term: OfficerTerm, on: date) -> OfficerTerm:
    if on <= term.starts_on:
        raise OfficerProblem("A term ends after it starts.")
    term.ends_on = on
    term.save()
    return term


def open_election(*, residence: Residence, office: str, term_months: int = 6, meeting=None) -> Election:
    if not residence.democracy_features:
        raise OfficerProblem("House elections are turned off for this home. The operator can turn them on.")
    if office not in Office.values:
        raise OfficerProblem("Choose one of the house offices.")
    if Election.objects.filter(residence=residence, office=office).exclude(stage=ElectionStage.CLOSED).exists():
        raise OfficerProblem("An election for this office is already under way.")
    return Election.objects.create(
        residence=residence, office=office, term_months=term_months, meeting=meeting, opened_at=timezone.now()
    )


def nominate(*, election: Election, candidate, nominated_by) -> Nomination:
    """A resident stands (nominating themselves) or is nominated by a housemate, while nominations are open."""
    today = home_today(election.residence)
    if election.stage != ElectionStage.NOMINATING:
        raise OfficerProblem("Nominations for this election are closed.")
    if not _lives_there(election.residence, nominated_by, today):
        raise OfficerProblem("Only people living in this house can nominate.")
    if not _lives_there(election.residence, candidate, today):
        raise OfficerProblem("Only people living in this house can stand.")
    try:
        with transaction.atomic():
            return Nomination.objects.create(election=election, candidate=candidate, nominated_by=nominated_by)
    except IntegrityError:
        raise OfficerProblem("That person is already nominated.") from None


def start_voting(*, election: Election) -> Election:
    """Close nominations and open the vote, fixing its electorate: the residents living in the home today (see
    `house_meetings.services.electorate_at_opening`; issue 14, item 3). Raises OfficerProblem when voting has started
    or nobody is nominated."""
    with transaction.atomic():
        election = Election.objects.select_for_update().select_related("residence__organization").get(pk=election.pk)
        if election.stage != ElectionStage.NOMINATING:
            raise OfficerProblem("Voting has already started.")
        if not Nomination.objects.filter(election=election).exists():
            raise OfficerProblem("Nobody is nominated yet.")
        election.stage = ElectionStage.VOTING
        _fix_electorate(election)
        election.save()
    return election


def _fix_electorate(election: Election) -> None:
    """Record the election's electorate (once): who lives in the home today, plus anyone who already voted (an
    election whose voting started before electorates existed). Call holding the election's lock."""
    if election.electorate_fixed_at is not None:
        return
    voted = ElectionBallot.objects.filter(election=election).values_list("voter_id", flat=True)
    electors, fixed = electorate_at_opening(election.residence, also=voted)
    ElectionElector.objects.bulk_create(ElectionElector(election=election, resident_id=pk) for pk in electors)
    for field, value in fixed.items():
        setattr(election, field, value)


def cast_election_vote(*, election: Election, resident, nomination_id: int) -> ElectionBallot:
    """One secret vote per member of the electorate (fixed when voting started) who still lives in the home.
    The count moves on every nomination of the election in one update (the chosen one's by one, the others' by
    nothing), so the audit log names them all and reveals no choice. Raises OfficerProblem."""
    with transaction.atomic():
        election = (
            Election.objects.select_for_update(of=("self",))
            .select_related("residence__organization")
            .get(pk=election.pk)
        )
        if election.stage != ElectionStage.VOTING:
            raise OfficerProblem("This election is not taking votes now.")
        if not _lives_there(election.residence, resident, home_today(election.residence)):
            raise OfficerProblem("Only people living in this house now can vote.")
        if election.electorate_fixed_at is None:
            _fix_electorate(election)
            election.save()
        if ElectionBallot.objects.filter(election=election, voter=resident).exists():
            raise OfficerProblem("You have already voted in this election. Each resident votes once.")
        if not ElectionElector.objects.filter(election=election, resident=resident).exists():
            raise OfficerProblem(
                "This vote started before you moved in: only the residents living here then can vote in it."
            )
        nominations = Nomination.objects.filter(election=election)
        if not nominations.filter(pk=nomination_id).exists():
            raise OfficerProblem("Choose one of the candidates.")
        try:
            with transaction.atomic():
                ballot = ElectionBallot.objects.create(election=election, voter=resident)
        except IntegrityError:
            raise OfficerProblem("You have already voted in this election. Each resident votes once.") from None
        nominations.update(
            votes=Case(
                When(pk=nomination_id, then=F("votes") + 1), default=F("votes"), output_field=PositiveIntegerField()
            )
        )
        Election.objects.filter(pk=election.pk).update(votes_cast=F("votes_cast") + 1)
    return ballot


def close_election(*, election: Election, now=None) -> Election:
    """Count: quorum as for motions, against the electorate fixed when voting started; the most votes wins (a
    tie asks for another vote); the term starts today (the organization's date). Raises OfficerProblem when the
    election is already closed."""
    with transaction.atomic():
        election = (
            Election.objects.select_for_update(of=("self",))
            .select_related("residence__organization")
            .get(pk=election.pk)
        )
        if election.stage == ElectionStage.CLOSED:
            raise OfficerProblem("This election is already closed.")
        residence = election.residence
        today = home_today(residence)
        _fix_electorate(election)  # closed while still nominating: whoever lives there now
        nominations = list(Nomination.objects.filter(election=election).order_by("-votes", "pk"))
        if not nominations:
            election.result = ElectionResult.NO_CANDIDATES
        elif election.votes_cast < election.quorum_needed:
            election.result = ElectionResult.NO_QUORUM
        elif len(nominations) > 1 and nominations[0].votes == nominations[1].votes:
            election.result = ElectionResult.TIE
        else:
            election.result = ElectionResult.ELECTED
            election.winner_id = nominations[0].candidate_id
        election.stage, election.closed_at = ElectionStage.CLOSED, now or timezone.now()
        election.save()
        if election.result == ElectionResult.ELECTED:
            start_term(
                residence=residence,
                office=election.office,
                resident=nominations[0].candidate,
                starts_on=today,
                ends_on=today + relativedelta(months=election.term_months),
                election=election,
            )
    return election
