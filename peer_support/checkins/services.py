"""Check-in's verbs: a resident checks in (once a day; a second time edits the first), "I need to talk" tells
the people who look after them at once, and the scheduled reminder and missed-check-in alert go out once each."""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from peer_support.checkins.models import CheckIn, CheckInReminder, ReminderKind
from peer_support.mentorships.models import Mentorship
from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.notifications.services import RecipientNotAMember, notify
from recovery.tenancy import current_organization, organization_now, organization_today  # noqa: F401 - one clock for every part; callers use services.organization_today()
from residences.homes.selectors import home_of, house_managers_of, living_in
from residences.models import Residence, Stay


class CheckInProblem(DomainError):
    pass


def window(residence: Residence, day: date) -> tuple[datetime, datetime]:
    """When the home's check-in opens and closes on `day`, as aware datetimes in the organization's time zone."""
    zone = current_organization().time_zone
    opens = datetime.combine(day, residence.check_in_opens_at, tzinfo=zone)
    closes = datetime.combine(day, residence.check_in_closes_at, tzinfo=zone)
    return opens, closes


def people_who_look_after(resident, *, residence: Residence | None) -> list:
    """The users to tell about this resident: their coaches and mentors, and their home's house managers."""
    users = {}
    for mentorship in Mentorship.objects.filter(mentee=resident, ended_on__isnull=True).select_related(
        "mentor__membership__user", "mentor__resident__user"
    ):
        mentor = mentorship.mentor
        user = mentor.membership.user if mentor.membership_id else mentor.resident.user
        if user is not None:
            users[user.pk] = user
    for manager in house_managers_of(residence):
        users[manager.pk] = manager
    return list(users.values())


def _tell(users, *, kind: str, title: str, url: str, urgent: bool) -> int:
    told = 0
    for user in users:
        try:
            notify(recipient=user, kind=kind, title=title, url=url, urgent=urgent)
        except RecipientNotAMember:
            continue  # someone who has left the organization: the others are still told
        told += 1
    return told


CHECK_IN_FIELDS = (
    "feeling",
    "craving",
    "slept",
    "slept_hours",
    "went_to_meeting",
    "goal_today",
    "ask_for_help",
    "needs_to_talk",
    "self_tag",
    "share_with_house",
    "share_with_mentor",
)


def check_in(*, resident, answers: dict, now: datetime | None = None) -> tuple[CheckIn, bool]:
    """Record today's check-in (or change today's, if there is one already); returns it and whether it is new.

    Before the home's window opens the answer is "not yet". "I need to talk" (newly asked) tells the resident's
    coaches or mentor and house managers at once, marked urgent; the title names nobody.
    """
    now = timezone.localtime(now or timezone.now(), current_organization().time_zone)
    day = now.date()
    residence = home_of(resident=resident, on=None)
    if residence is None:
        raise CheckInProblem("Check-ins are for residents living in one of the homes now.")
    opens, _closes = window(residence, day)
    if now < opens:
        raise CheckInProblem(f"Today's check-in opens at {residence.check_in_opens_at:%H:%M}. See you then.")
    values = {name: answers[name] for name in CHECK_IN_FIELDS if name in answers}
    with transaction.atomic():
        existing = CheckIn.objects.select_for_update().filter(resident=resident, day=day).first()
        asked_before = existing is not None and existing.needs_to_talk
        if existing is None:
            try:
                with transaction.atomic():
                    checkin = CheckIn.objects.create(resident=resident, residence=residence, day=day, **values)
                created = True
            except IntegrityError:
                # A second tap at the same moment: the first one won; change it instead.
                existing = CheckIn.objects.select_for_update().get(resident=resident, day=day)
                asked_before = existing.needs_to_talk
        if existing is not None:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
            checkin, created = existing, False
        if checkin.needs_to_talk and not asked_before:
            _tell(
                people_who_look_after(resident, residence=residence),
                kind="check_in_talk",
                title="A resident asked to talk",
                url=reverse("peer_support:my_people"),
                urgent=True,
            )
    return checkin, created


# --- Scheduled: the reminder when the window opens, the alert when it closes -------------------------------


def _claim(kind: str, stay: Stay, day: date) -> bool:
    """Record this occurrence; False when it was recorded before (by an earlier or a concurrent run)."""
    try:
        with transaction.atomic():
            CheckInReminder.objects.create(kind=kind, stay=stay, day=day)
    except IntegrityError:
        return False
    return True


def send_reminder(*, stay: Stay, day: date) -> bool:
    """Remind the resident to check in, once per stay and day. True when this call sent it."""
    with transaction.atomic():
        if not _claim(ReminderKind.REMINDER, stay, day):
            return False
        resident = stay.resident
        if resident.user_id is None or CheckIn.objects.filter(resident=resident, day=day).exists():
            return False
        return bool(
            _tell(
                [resident.user],
                kind="check_in_reminder",
                title="Time for your daily check-in",
                url=reverse("peer_support:today"),
                urgent=False,
            )
        )


def alert_missed(*, stay: Stay, day: date) -> bool:
    """At the window's close, tell the coach and house manager that the resident has not checked in: once."""
    with transaction.atomic():
        if not _claim(ReminderKind.MISSED, stay, day):
            return False
        resident = stay.resident
        if CheckIn.objects.filter(resident=resident, day=day).exists():
            return False
        users = people_who_look_after(resident, residence=home_of(resident=resident, on=None))
        return bool(
            _tell(
                users,
                kind="check_in_missed",
                title="A resident has not checked in today",
                url=reverse("peer_support:my_people"),
                urgent=False,
            )
        )


def due_occurrences(*, now: datetime) -> list[tuple[str, int, str]]:
    """What is due across every organization at `now`: (kind, stay id, ISO day) not yet recorded.

    Runs with scopes disabled (the dispatcher's job); each home's window is read in its organization's time zone.
    A reminder is due between the window's opening and closing; the missed alert from the close to midnight.
    """
    assignments = living_in(every_home=True, on=None).select_related("organization")
    due = []
    days = set()
    candidates = []
    for assignment in assignments:
        residence = assignment.bed.room.residence
        local = timezone.localtime(now, assignment.organization.time_zone)
        day = local.date()
        if assignment.stay.move_in > day:
            continue
        opens = datetime.combine(day, residence.check_in_opens_at, tzinfo=assignment.organization.time_zone)
        closes = datetime.combine(day, residence.check_in_closes_at, tzinfo=assignment.organization.time_zone)
        if opens <= local < closes:
            candidates.append((ReminderKind.REMINDER, assignment.stay_id, day))
        elif local >= closes:
            candidates.append((ReminderKind.MISSED, assignment.stay_id, day))
        days.add(day)
    if not candidates:
        return []
    done = set(
        CheckInReminder.objects.filter(day__in=days, stay_id__in={c[1] for c in candidates}).values_list(
            "kind", "stay_id", "day"
        )
    )
    for kind, stay_id, day in candidates:
        if (kind, stay_id, day) not in done:
            due.append((str(kind), stay_id, day.isoformat()))
    return due


def coach_memberships_of(user) -> list[Membership]:
    return list(Membership.objects.filter(user=user, role=Role.COACH))
