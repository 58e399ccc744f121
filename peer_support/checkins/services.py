"""Check-in's verbs: a resident checks in (once a day; a second time edits the first), "I need to talk" (at any
hour, on its own or with the check-in) tells the people who look after them at once, and the scheduled reminder and
missed-check-in alert go out once each."""

from collections import defaultdict
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from peer_support.checkins.models import CheckIn, CheckInReminder, ReminderKind, TalkRequest
from peer_support.mentorships.models import Mentorship
from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.notifications.services import RecipientNotAMember, is_in_quiet_hours, notify
from recovery.requests import tell_asker, waiting_title
from recovery.tenancy import (  # noqa: F401 - one clock for every part; callers use services.organization_today()
    at_wall_time,
    current_organization,
    home_time_zone,
    organization_now,
    organization_today,
)
from residences.homes.selectors import home_of, house_managers_of, living_in, stay_has_ended
from residences.models import Residence, Stay


class CheckInProblem(DomainError):
    pass


def window(residence: Residence, day: date) -> tuple[datetime, datetime]:
    """When the home's check-in opens and closes on `day` (a date on the home's clock), as aware datetimes on the
    home's clock (`recovery.tenancy.home_time_zone()`: its own time zone, else the organization's; issue 15, item 6).
    """
    zone = home_time_zone(residence, organization=current_organization())
    return at_wall_time(day, residence.check_in_opens_at, zone), at_wall_time(day, residence.check_in_closes_at, zone)


def people_who_look_after(resident, *, residence: Residence | None) -> list:
    """The users to tell about this resident: their coaches and mentors, and their home's house managers, who are
    active members of the organization in scope (two queries)."""
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
    # Someone whose membership has ended (a coach who left, their mentorship still open) is told nothing, so they
    # are never counted as the one who is awake to hear "I need to talk".
    members = set(
        Membership.objects.filter(user__in=list(users), is_active=True, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    return [user for pk, user in users.items() if pk in members]


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

    Before the home's window opens the answer is "not yet", except that "I need to talk" is heard at any hour: it
    is asked (`ask_to_talk`) before the "not yet". Newly asked with the check-in, it is asked the same way.
    """
    residence = home_of(resident=resident, on=None)
    if residence is None:
        raise CheckInProblem("Check-ins are for residents living in one of the homes now.")
    now = timezone.localtime(now or timezone.now(), home_time_zone(residence, organization=current_organization()))
    day = now.date()  # the home's day: a Denver home's day turns at Denver's midnight
    opens, _closes = window(residence, day)
    if now < opens:
        if answers.get("needs_to_talk"):
            ask_to_talk(resident=resident, now=now)
            raise CheckInProblem(
                gettext(
                    "We have told the people who look after you that you need to talk; someone will reach you soon. "
                    "The rest of today's check-in opens at %(time)s."
                )
                % {"time": f"{residence.check_in_opens_at:%H:%M}"}
            )
        raise CheckInProblem(
            gettext("Today's check-in opens at %(time)s. See you then.")
            % {"time": f"{residence.check_in_opens_at:%H:%M}"}
        )
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
            ask_to_talk(resident=resident, now=now)
    return checkin, created


# --- "I need to talk", at any hour --------------------------------------------------------------------------


def _staff_and_admins() -> list:
    memberships = Membership.objects.filter(role__in=(Role.ADMIN, Role.STAFF), is_active=True, user__is_active=True)
    return [membership.user for membership in memberships.select_related("user").order_by("role", "pk")]


def who_to_tell_about_talk(resident, *, residence: Residence | None, now: datetime) -> list[tuple[object, bool]]:
    """Who hears "I need to talk", as (user, urgent) pairs.

    First their coaches and mentors and their home's house managers (`people_who_look_after`): those awake are told
    urgently (email and text go out now); those in their quiet hours get it in the app, their email and text waiting
    for the morning. When none of them is awake (or there is nobody), it goes up to the organization's admins and
    staff who are awake, urgently; when they too are all in quiet hours, the admins are woken anyway. Hearth has no
    on-call rota, so the admins and staff stand for "whoever is on call", and somebody awake must always know.
    """
    first_line = people_who_look_after(resident, residence=residence)
    awake = {person.pk for person in first_line if not is_in_quiet_hours(person, now=now)}
    told = [(person, person.pk in awake) for person in first_line]
    if awake:
        return told
    already = {person.pk for person in first_line}
    on_call = [person for person in _staff_and_admins() if person.pk not in already]
    awake_on_call = [person for person in on_call if not is_in_quiet_hours(person, now=now)]
    if not awake_on_call:
        admin_ids = set(Membership.objects.filter(role=Role.ADMIN, is_active=True).values_list("user_id", flat=True))
        awake_on_call = [person for person in on_call if person.pk in admin_ids] or on_call
    return told + [(person, True) for person in awake_on_call]


def talk_url(resident_id: int) -> str:
    """Where a request to talk is answered: the resident's check-ins page."""
    return reverse("peer_support:resident_check_ins", kwargs={"resident_pk": resident_id})


def ask_to_talk(*, resident, now: datetime | None = None) -> tuple[TalkRequest, bool]:
    """A resident says "I need to talk", at any hour: no check-in window applies. Returns the open request and
    whether it is new; asking again while one is open tells nobody again.

    Who hears it, and how urgently, is `who_to_tell_about_talk`; the title is generic ("A request to talk is
    waiting") and names nobody.
    """
    now = now or timezone.now()
    residence = home_of(resident=resident, on=None)
    with transaction.atomic():
        existing = TalkRequest.objects.filter(resident=resident, answered_at__isnull=True).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                talk = TalkRequest.objects.create(resident=resident, residence=residence, asked_at=now)
        except IntegrityError:
            return TalkRequest.objects.get(resident=resident, answered_at__isnull=True), False
        for person, urgent in who_to_tell_about_talk(resident, residence=residence, now=now):
            _tell(
                [person],
                kind="request.talk.waiting",
                title=waiting_title("talk"),
                url=talk_url(resident.pk),
                urgent=urgent,
            )
    return talk, True


def answer_talk_request(*, talk_request: TalkRequest, by, now: datetime | None = None) -> TalkRequest:
    """Someone who looks after the resident says they are reaching out: the request closes and the resident is told
    that someone is coming. Answering one already answered is a clear "already"."""
    with transaction.atomic():
        talk_request = TalkRequest.objects.select_for_update().get(pk=talk_request.pk)
        if talk_request.answered_at is not None:
            raise CheckInProblem("Someone has already answered this request to talk.")
        talk_request.answered_by, talk_request.answered_at = by, now or timezone.now()
        talk_request.save(update_fields=["answered_by", "answered_at"])
        tell_asker(kind="talk", asker=talk_request.resident.user, url=reverse("peer_support:today"))
    return talk_request


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

    Runs with scopes disabled (the dispatcher's job); each home's window is read on the home's own clock
    (`recovery.tenancy.home_time_zone()`: its time zone, else its organization's).
    A reminder is due between the window's opening and closing; the missed alert from the close to midnight.

    Narrowed by home first (issue 20): one query over the homes finds those whose window is open (reminders) or
    closed today (missed alerts) at `now`; then, for each (kind, day) among them (one or two, more only across time
    zones), one query finds the stays living there with no occurrence recorded yet (NOT EXISTS in the database). So
    a dispatch costs a few queries and returns only what is due, however many residents have been reminded already,
    and a home outside its window costs nothing. A stay admitted during the window, or a dispatch that was missed,
    is still caught up by the next dispatch, as before.
    """
    homes = Residence.objects.select_related("organization")
    homes_by_occurrence = defaultdict(list)  # (kind, day) -> ids of homes where it is due now
    for home in homes:
        zone = home_time_zone(home, organization=home.organization)
        local = timezone.localtime(now, zone)
        day = local.date()
        if at_wall_time(day, home.check_in_opens_at, zone) <= local < at_wall_time(day, home.check_in_closes_at, zone):
            homes_by_occurrence[(ReminderKind.REMINDER, day)].append(home.pk)
        elif local >= at_wall_time(day, home.check_in_closes_at, zone):
            homes_by_occurrence[(ReminderKind.MISSED, day)].append(home.pk)
    due = []
    for (kind, day), home_ids in homes_by_occurrence.items():
        recorded = CheckInReminder.objects.filter(kind=kind, day=day, stay=OuterRef("stay"))
        living = living_in(home_ids, on=day).exclude(Exists(recorded)).select_related(None).select_related("stay")
        due += [
            (str(kind), assignment.stay_id, day.isoformat())
            for assignment in living
            if not stay_has_ended(assignment.stay, day)
        ]
    return due


def coach_memberships_of(user) -> list[Membership]:
    return list(Membership.objects.filter(user=user, role=Role.COACH))
