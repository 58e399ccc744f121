"""Who may be drifting, and why, in words ("signals, not surveillance"): computed for a page of residents in a
fixed number of queries, with each home's thresholds; a signal the coach acknowledged stays hidden until its
evidence changes."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max

from peer_support.checkins.models import CheckIn
from peer_support.drift_signals.models import SignalAcknowledgement, SignalKind, SignalSettings
from peer_support.mentorships.models import MentorContact, Mentorship
from peer_support.outside_meetings.models import OutsideMeeting


@dataclass(frozen=True)
class Signal:
    resident_id: int
    kind: str
    reason: str
    evidence: str

    @property
    def label(self) -> str:
        return SignalKind(self.kind).label


def settings_for(residence_ids) -> dict[int, SignalSettings]:
    """Each home's thresholds (unsaved defaults for a home that has not changed them). One query."""
    found = {s.residence_id: s for s in SignalSettings.objects.filter(residence_id__in=residence_ids)}
    return {pk: found.get(pk) or SignalSettings(residence_id=pk) for pk in residence_ids}


def _day(d: date | None) -> str:
    return f"{d:%b} {d.day}" if d else "never"


def signals_for(people, *, today: date) -> dict[int, list[Signal]]:
    """Signals for `people`: a list of (resident id, home id, move-in date). Six queries, however many people.

    Each resident's signals use their home's thresholds. Missed days count from yesterday back (today's window
    may still be open), never before move-in.
    """
    people = list(people)
    if not people:
        return {}
    resident_ids = [p[0] for p in people]
    thresholds = settings_for({p[1] for p in people if p[1]})
    default = SignalSettings()
    longest = max(
        max(s.window_days, s.meeting_days, s.mentor_contact_days, s.isolation_days, s.missed_in_a_row + 1)
        for s in [*thresholds.values(), default]
    )
    since = today - timedelta(days=longest + 1)

    check_ins = defaultdict(list)
    for row in (
        CheckIn.objects.filter(resident_id__in=resident_ids, day__gte=since, day__lte=today)
        .order_by("day")
        .values(
            "resident_id",
            "day",
            "feeling",
            "craving",
            "went_to_meeting",
            "share_with_house",
            "ask_for_help",
            "needs_to_talk",
        )
    ):
        check_ins[row["resident_id"]].append(row)
    last_check_in = dict(
        CheckIn.objects.filter(resident_id__in=resident_ids)
        .values("resident_id")
        .annotate(last=Max("day"))
        .values_list("resident_id", "last")
    )
    last_meeting = dict(
        OutsideMeeting.objects.filter(resident_id__in=resident_ids, attended_on__lte=today)
        .values("resident_id")
        .annotate(last=Max("attended_on"))
        .values_list("resident_id", "last")
    )
    mentorships = defaultdict(list)
    for resident_id, started_on in Mentorship.objects.filter(
        mentee_id__in=resident_ids, ended_on__isnull=True
    ).values_list("mentee_id", "started_on"):
        mentorships[resident_id].append(started_on)
    last_contact = dict(
        MentorContact.objects.filter(mentorship__mentee_id__in=resident_ids, mentorship__ended_on__isnull=True)
        .values("mentorship__mentee_id")
        .annotate(last=Max("on"))
        .values_list("mentorship__mentee_id", "last")
    )
    acknowledged = set(
        SignalAcknowledgement.objects.filter(resident_id__in=resident_ids).values_list(
            "resident_id", "kind", "evidence"
        )
    )

    result = {}
    for resident_id, home_id, move_in in people:
        s = thresholds.get(home_id, default)
        found = []
        rows = check_ins[resident_id]
        days_with = {r["day"] for r in rows}
        last = last_check_in.get(resident_id)

        # Missed check-ins in a row, from yesterday back (not before move-in).
        missed, day = 0, today - timedelta(days=1)
        while day not in days_with and (move_in is None or day >= move_in) and day >= since:
            missed, day = missed + 1, day - timedelta(days=1)
        if missed >= s.missed_in_a_row:
            found.append(
                Signal(
                    resident_id,
                    SignalKind.MISSED,
                    f"Missed {missed} check-ins in a row (last check-in: {_day(last)}).",
                    f"last:{last}",
                )
            )

        window = [r for r in rows if r["day"] > today - timedelta(days=s.window_days)]
        if len(window) >= 2:
            first, latest = window[0], window[-1]
            if latest["craving"] - first["craving"] >= s.craving_rise:
                found.append(
                    Signal(
                        resident_id,
                        SignalKind.CRAVING,
                        f"Craving went from {first['craving']} to {latest['craving']} (out of 10) "
                        f"between {_day(first['day'])} and {_day(latest['day'])}.",
                        f"day:{latest['day']}",
                    )
                )
            if first["feeling"] - latest["feeling"] >= s.mood_fall:
                found.append(
                    Signal(
                        resident_id,
                        SignalKind.MOOD,
                        f"Feeling went from {first['feeling']} to {latest['feeling']} (out of 5) "
                        f"between {_day(first['day'])} and {_day(latest['day'])}.",
                        f"day:{latest['day']}",
                    )
                )

        settled = move_in is not None and (today - move_in).days >= s.meeting_days
        meeting_days = {r["day"] for r in rows if r["went_to_meeting"]}
        latest_meeting = max([d for d in [last_meeting.get(resident_id), *meeting_days] if d], default=None)
        if settled and (latest_meeting is None or latest_meeting <= today - timedelta(days=s.meeting_days)):
            found.append(
                Signal(
                    resident_id,
                    SignalKind.NO_MEETING,
                    f"No outside meeting in {s.meeting_days} days (last: {_day(latest_meeting)}).",
                    f"last:{latest_meeting}",
                )
            )

        if mentorships[resident_id]:
            contact = last_contact.get(resident_id) or max(mentorships[resident_id])
            if contact <= today - timedelta(days=s.mentor_contact_days):
                found.append(
                    Signal(
                        resident_id,
                        SignalKind.NO_MENTOR_CONTACT,
                        f"No contact with their mentor in {(today - contact).days} days.",
                        f"last:{contact}",
                    )
                )

        recent = today - timedelta(days=s.isolation_days)
        reached_out = [
            r
            for r in rows
            if r["day"] > recent and (r["share_with_house"] or r["ask_for_help"].strip() or r["needs_to_talk"])
        ]
        met_people = latest_meeting is not None and latest_meeting > recent
        settled_for_isolation = move_in is not None and (today - move_in).days >= s.isolation_days
        if settled_for_isolation and not reached_out and not met_people:
            found.append(
                Signal(
                    resident_id,
                    SignalKind.ISOLATION,
                    f"In the last {s.isolation_days} days: nothing shared with the house, nobody named "
                    "to ask for help, and no outside meeting.",
                    f"since:{last}:{latest_meeting}",
                )
            )

        result[resident_id] = [sig for sig in found if (resident_id, str(sig.kind), sig.evidence) not in acknowledged]
    return result
