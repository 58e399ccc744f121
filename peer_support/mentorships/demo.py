"""Demo mentorships: a coach and a senior resident each mentoring newer residents, with a few contacts.
Called by the peer-support demo (peer_support.checkins.demo), which orders the residents."""

from datetime import timedelta

from peer_support.mentorships import services as mentor_services
from peer_support.mentorships.models import ContactHow, MentorContact
from recovery.models import Membership, Role


def seed_mentorships(beds, *, today) -> None:
    """Pair the first settled residents of `beds` (bed assignments in demo order) with the coach, and the third
    with the fourth as a resident mentor, with a few logged contacts (the first mentee: none for ten days)."""
    coach = Membership.objects.filter(role=Role.COACH, is_active=True).order_by("pk").first()
    residents = [bed.stay.resident for bed in beds]
    pairs = []
    if coach is not None:
        pairs += [(resident, {"coach": coach}) for resident in residents[:2]]
    if len(residents) >= 4:
        pairs.append((residents[2], {"mentor_resident": residents[3]}))
    for mentee, mentor in pairs:
        stay = next(bed.stay for bed in beds if bed.stay.resident_id == mentee.pk)
        started = max(stay.move_in, today - timedelta(days=20))
        try:
            mentorship = mentor_services.start_mentorship(mentee=mentee, on=started, by=None, **mentor)
        except mentor_services.MentoringProblem:
            continue
        # Regular contact, except for the first mentee: nothing for ten days (a signal for the coach).
        last = today - timedelta(days=11 if mentee == residents[0] else 2)
        for offset, how in ((0, ContactHow.IN_PERSON), (5, ContactHow.CALL), (9, ContactHow.TEXT)):
            on = last - timedelta(days=offset)
            if on >= started:
                MentorContact.objects.create(mentorship=mentorship, on=on, how=how, note="Checked in; doing the work.")
