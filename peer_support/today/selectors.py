"""Page-shaped reads for "today" (the resident's phone page), "my people" (the coach's and house manager's
dashboard) and the house's community-meeting screen. Each runs a fixed number of queries."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q

from peer_support.checkins.models import CheckIn, TalkRequest
from peer_support.drift_signals.selectors import Signal, signals_for
from peer_support.mentorships.models import Mentorship
from recovery.models import Role
from residences.homes.selectors import assigned_residence_ids, living_in

PER_PAGE = 40


@dataclass
class Person:
    resident: object
    home: object
    move_in: object
    check_in: CheckIn | None = None
    checked_in: bool = False
    signals: list[Signal] = field(default_factory=list)
    mentors: list[str] = field(default_factory=list)
    shared_only: bool = False
    asked_to_talk: bool = False  # an open "I need to talk", asked with or without a check-in
    my_mentorship_id: int | None = None  # where the viewer, their mentor, logs a contact

    @property
    def needs_to_talk(self) -> bool:
        return self.asked_to_talk or bool(self.check_in and self.check_in.needs_to_talk)


def people_of(membership, user):
    """(current bed assignments of the people this person watches, resident-mentor view?)

    Coach: their mentees (shared answers only). House manager: residents of their homes. Admin, staff: everyone
    living in a home. A resident who mentors: their mentees (shared answers only).
    """
    beds = living_in(every_home=True, on=None)
    if membership.role in (Role.ADMIN, Role.STAFF):
        return beds, False
    if membership.role == Role.HOUSE_MANAGER:
        return living_in(assigned_residence_ids(membership), on=None), False
    if membership.role == Role.COACH:
        # A coach is a mentor: the answers their mentees shared with them, no signals (read from every check-in).
        mentees = Mentorship.objects.filter(ended_on__isnull=True, mentor__membership=membership).values("mentee_id")
        return beds.filter(stay__resident__in=mentees), True
    mentees = Mentorship.objects.filter(ended_on__isnull=True, mentor__resident__user=user).values("mentee_id")
    return beds.filter(stay__resident__in=mentees), True


def my_people(membership, user, *, today, page_number=None):
    """A page of "my people": today's check-in, signals (with reasons), "I need to talk" first."""
    beds, shared_only = people_of(membership, user)
    page = Paginator(beds.order_by("bed__room__residence__name", "stay__resident__last_name", "pk"), PER_PAGE).get_page(
        page_number
    )
    people = [Person(resident=b.stay.resident, home=b.bed.room.residence, move_in=b.stay.move_in) for b in page]
    ids = [p.resident.pk for p in people]
    check_ins = CheckIn.objects.filter(resident_id__in=ids, day=today)
    if shared_only:
        # A resident mentor sees whether a mentee has checked in, and the answers only if shared with them.
        shared = {c.resident_id: c for c in check_ins.filter(share_with_mentor=True)}
        checked = set(check_ins.values_list("resident_id", flat=True))
    else:
        shared = {c.resident_id: c for c in check_ins}
        checked = set(shared)
    signals = {} if shared_only else signals_for([(p.resident.pk, p.home.pk, p.move_in) for p in people], today=today)
    mentors, mine = {}, {}
    for mentorship in Mentorship.objects.filter(mentee_id__in=ids, ended_on__isnull=True).select_related(
        "mentor__resident", "mentor__membership__user"
    ):
        mentor = mentorship.mentor
        mentors.setdefault(mentorship.mentee_id, []).append(mentor.display_name)
        mentor_user_id = mentor.membership.user_id if mentor.membership_id else mentor.resident.user_id
        if mentor_user_id == user.pk:
            mine[mentorship.mentee_id] = mentorship.pk
    asked = set(
        TalkRequest.objects.filter(resident_id__in=ids, answered_at__isnull=True).values_list("resident_id", flat=True)
    )
    for person in people:
        person.check_in = shared.get(person.resident.pk)
        person.checked_in = person.resident.pk in checked
        person.signals = signals.get(person.resident.pk, [])
        person.mentors = mentors.get(person.resident.pk, [])
        person.my_mentorship_id = mine.get(person.resident.pk)
        person.asked_to_talk = person.resident.pk in asked
        person.shared_only = shared_only
    people.sort(key=lambda p: (not p.needs_to_talk, not p.signals, p.checked_in))
    return page, people


def shared_with_house(residence, *, today):
    """Today's answers the residents of one home chose to share for the morning meeting."""
    return list(
        CheckIn.objects.filter(residence=residence, day=today, share_with_house=True)
        .select_related("resident")
        .order_by("resident__first_name", "resident__last_name")
    )


def check_ins_of(resident, *, user, shared_only: bool, limit=30):
    """A resident's check-ins, newest first, the latest `limit` (None: all of them, for the export); a resident
    mentor sees only those shared with their mentor. One query."""
    rows = CheckIn.objects.filter(resident=resident)
    if shared_only:
        rows = rows.filter(Q(share_with_mentor=True))
    return list(rows.order_by("-day")[:limit])
