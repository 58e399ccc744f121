"""Mentoring's verbs: suggest mentors for a newcomer, pair them (within the mentor's limit), end a pairing with
a reason, and log a contact. The house manager decides; Hearth only ranks."""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from peer_support.mentorships.models import Mentor, MentorContact, Mentorship
from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.tenancy import organization_today
from residences.homes.selectors import living_in, stay_not_ended
from residences.models import Stay
from residences.stays.selectors import open_stay_of
from residents.models import Alumnus, PhaseStep, Resident
from residents.phases.services import step_is_current


class MentoringProblem(DomainError):
    pass


class MentorAtCapacity(MentoringProblem):
    pass


@dataclass
class Suggestion:
    """A possible mentor for one newcomer, with the reasons in words (best first)."""

    kind: str  # "resident", "alumnus" or "coach"
    name: str
    resident: Resident | None = None
    membership: Membership | None = None
    score: int = 0
    places_left: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def value(self) -> str:
        """The form value that names this candidate."""
        return f"resident:{self.resident.pk}" if self.resident else f"coach:{self.membership.pk}"


def _loads() -> tuple[dict, dict]:
    """Each mentor's active mentee count and limit, keyed by resident id and by membership id."""
    mentors = Mentor.objects.annotate(active=Count("mentorships", filter=Q(mentorships__ended_on__isnull=True)))
    by_resident, by_membership = {}, {}
    for mentor in mentors:
        entry = (mentor.active, mentor.mentee_limit)
        if mentor.resident_id:
            by_resident[mentor.resident_id] = entry
        else:
            by_membership[mentor.membership_id] = entry
    return by_resident, by_membership


def suggest_mentors(*, mentee: Resident, limit: int = 10) -> list[Suggestion]:
    """Rank who could mentor `mentee`: same house first, then a later phase (or one whose residents may mentor),
    a shared recovery pathway, and places left. People already at their limit, and current mentors, are left out.
    A fixed number of queries, however many residents the organization has."""
    from peer_support.mentorships.models import DEFAULT_MENTEE_LIMIT

    stay = open_stay_of(mentee)
    if stay is None:
        return []
    today = organization_today()
    current_steps = PhaseStep.objects.filter(stay_not_ended(today, "stay__"), step_is_current(today))
    steps = {step.stay_id: step for step in current_steps.select_related("phase", "stay__resident")}
    open_stays = list(Stay.objects.filter(stay_not_ended(today)).select_related("resident"))
    homes = dict(living_in(every_home=True, on=None).values_list("stay_id", "bed__room__residence_id"))
    mentee_home = homes.get(stay.pk)
    mentee_step = steps.get(stay.pk)
    mentee_position = mentee_step.phase.position if mentee_step else 1
    mentee_pathways = set(mentee.pathways or [])
    by_resident, by_membership = _loads()
    current = Mentorship.objects.filter(mentee=mentee, ended_on__isnull=True).values_list(
        "mentor__resident_id", "mentor__membership_id"
    )
    taken_residents = {r for r, _m in current if r}
    taken_memberships = {m for _r, m in current if m}

    suggestions = []

    def places(entry) -> int:
        active, mentee_limit = entry or (0, DEFAULT_MENTEE_LIMIT)
        return mentee_limit - active

    def add_pathways(suggestion, resident):
        shared = mentee_pathways & set(resident.pathways or [])
        if shared:
            suggestion.score += 2
            labels = [
                label
                for value, label in zip(resident.pathways, resident.pathway_labels, strict=False)
                if value in shared
            ]
            suggestion.reasons.append("Shares the pathway: " + ", ".join(labels))

    for other in open_stays:
        resident = other.resident
        step = steps.get(other.pk)
        if resident.pk == mentee.pk or resident.pk in taken_residents or step is None:
            continue
        later = step.phase.position > mentee_position
        if not (step.phase.may_mentor or later):
            continue
        left = places(by_resident.get(resident.pk))
        if left <= 0:
            continue
        suggestion = Suggestion(kind="resident", name=resident.display_name, resident=resident, places_left=left)
        if mentee_home is not None and homes.get(other.pk) == mentee_home:
            suggestion.score += 4
            suggestion.reasons.append("Lives in the same house")
        suggestion.score += 2
        suggestion.reasons.append(f"In a later phase: {step.phase.name}" if later else f"{step.phase.name} may mentor")
        add_pathways(suggestion, resident)
        suggestions.append(suggestion)

    living = Stay.objects.filter(stay_not_ended(today)).values("resident_id")
    alumni = Alumnus.objects.filter(willing_to_mentor=True).exclude(resident_id__in=living)
    for alumnus in alumni.select_related("resident"):
        resident = alumnus.resident
        if resident.pk in taken_residents or resident.pk == mentee.pk:
            continue
        left = places(by_resident.get(resident.pk))
        if left <= 0:
            continue
        suggestion = Suggestion(kind="alumnus", name=resident.display_name, resident=resident, places_left=left)
        suggestion.score += 2
        suggestion.reasons.append(f"Alumnus since {alumnus.since:%B %Y}, willing to mentor")
        add_pathways(suggestion, resident)
        suggestions.append(suggestion)

    coaches = Membership.objects.filter(role=Role.COACH, is_active=True).select_related("user")
    for membership in coaches:
        if membership.pk in taken_memberships:
            continue
        left = places(by_membership.get(membership.pk))
        if left <= 0:
            continue
        user = membership.user
        name = user.get_full_name() or user.email
        suggestion = Suggestion(kind="coach", name=name, membership=membership, places_left=left, score=1)
        suggestion.reasons.append("Coach")
        suggestions.append(suggestion)

    for suggestion in suggestions:
        suggestion.reasons.append(f"{suggestion.places_left} place{'s' if suggestion.places_left != 1 else ''} left")
    suggestions.sort(key=lambda s: (-s.score, -s.places_left, s.name))
    return suggestions[:limit]


def _mentor_row(*, resident=None, membership=None) -> Mentor:
    lookup = {"resident": resident} if resident is not None else {"membership": membership}
    mentor = Mentor.objects.filter(**lookup).first()
    if mentor is None:
        try:
            with transaction.atomic():
                mentor = Mentor.objects.create(**lookup)
        except IntegrityError:
            mentor = Mentor.objects.get(**lookup)
    return mentor


@transaction.atomic
def start_mentorship(*, mentee: Resident, on: date, by, mentor_resident=None, coach=None) -> Mentorship:
    """Pair a newcomer (a resident with an open stay) with a mentor: a resident or alumnus, or a coach.

    The mentor's row is locked while their mentees are counted, so the limit holds under two managers at once.
    """
    if (mentor_resident is None) == (coach is None):
        raise MentoringProblem("Choose one mentor: a resident, an alumnus or a coach.")
    if open_stay_of(mentee) is None:
        raise MentoringProblem("Only a resident who lives in one of the homes now can be paired with a mentor.")
    if mentor_resident is not None and mentor_resident.pk == mentee.pk:
        raise MentoringProblem("A resident cannot mentor themselves. Choose someone else.")
    if coach is not None and (coach.role != Role.COACH or not coach.is_active):
        raise MentoringProblem("Only an active member with the coach role can mentor as a coach.")
    mentor = _mentor_row(resident=mentor_resident, membership=coach)
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    active = Mentorship.objects.filter(mentor=mentor, ended_on__isnull=True)
    if active.filter(mentee=mentee).exists():
        raise MentoringProblem("They are already paired. You can log contacts on the mentorship page.")
    if active.count() >= mentor.mentee_limit:
        raise MentorAtCapacity(
            f"This mentor already has {mentor.mentee_limit} mentees, their limit. "
            "Choose another mentor, or end one of their mentorships first."
        )
    return Mentorship.objects.create(mentor=mentor, mentee=mentee, started_on=on, started_by=by)


@transaction.atomic
def end_mentorship(*, mentorship: Mentorship, on: date, reason: str) -> Mentorship:
    """End a pairing, saying why (a new mentor, moved on, a good exit…)."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if mentorship.ended_on is not None:
        raise MentoringProblem("This mentorship has already ended.")
    if not reason.strip():
        raise MentoringProblem("Say in a few words why the mentorship ends.")
    if on < mentorship.started_on:
        raise MentoringProblem("A mentorship cannot end before it started.")
    mentorship.ended_on, mentorship.end_reason = on, reason.strip()
    mentorship.save()
    return mentorship


def log_contact(*, mentorship: Mentorship, on: date, how: str, note: str = "", by=None) -> MentorContact:
    """Note that mentor and mentee were in touch. A light log: when, how, a line — not a case note."""
    if mentorship.ended_on is not None and on > mentorship.ended_on:
        raise MentoringProblem("This mentorship has ended; contacts after that are not logged here.")
    if on < mentorship.started_on:
        raise MentoringProblem("That date is before the mentorship started.")
    return MentorContact.objects.create(mentorship=mentorship, on=on, how=how, note=note.strip(), logged_by=by)


def active_mentorships_of(resident) -> list[Mentorship]:
    return list(
        Mentorship.objects.filter(mentee=resident, ended_on__isnull=True).select_related(
            "mentor__resident", "mentor__membership__user"
        )
    )


def mentorship_of(resident, *, mentor_user) -> Mentorship | None:
    """The active mentorship in which `mentor_user` (as a coach or as a resident mentor) mentors `resident`, or None:
    where they log a contact. One query."""
    mentored_by = Q(mentor__membership__user=mentor_user) | Q(mentor__resident__user=mentor_user)
    return Mentorship.objects.filter(mentored_by, mentee=resident, ended_on__isnull=True).first()
