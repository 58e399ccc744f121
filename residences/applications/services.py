"""The intake pipeline's verbs: a public application comes in, intake moves it along, notes it, ranks it.

Accepting is not a move of its own: an application is accepted by admitting the applicant to a bed
(`residences.stays.services.admit_applicant`), which creates the resident, the stay and the bed assignment.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.notifications.services import notify
from recovery.webhooks import events as webhook_events
from recovery.webhooks.services import emit_event
from residences.models import Application, ApplicationNote, ApplicationStatus, HouseManagerAssignment

Status = ApplicationStatus

# Where an application may go from each status. Declined and withdrawn ones can be reopened (back to new);
# an accepted one is a resident's now and stays where it is.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.SCREENING, Status.INTERVIEW, Status.WAITLISTED, Status.DECLINED, Status.WITHDRAWN}),
    Status.SCREENING: frozenset({Status.INTERVIEW, Status.WAITLISTED, Status.DECLINED, Status.WITHDRAWN}),
    Status.INTERVIEW: frozenset({Status.SCREENING, Status.WAITLISTED, Status.DECLINED, Status.WITHDRAWN}),
    Status.WAITLISTED: frozenset({Status.SCREENING, Status.INTERVIEW, Status.DECLINED, Status.WITHDRAWN}),
    Status.DECLINED: frozenset({Status.NEW}),
    Status.WITHDRAWN: frozenset({Status.NEW}),
    Status.ACCEPTED: frozenset(),
}

REASON_MAX_LENGTH = Application._meta.get_field("decline_reason").max_length
NOTE_MAX_LENGTH = ApplicationNote._meta.get_field("text").max_length
NEW_APPLICATION_KIND = "residences.application_received"


class ApplicationProblem(DomainError):
    pass


def next_statuses(application: Application) -> list[str]:
    """The statuses this application may move to, in pipeline order (for the page's choices)."""
    allowed = TRANSITIONS[application.status]
    return [status for status in Status.values if status in allowed]


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def move_application(*, application: Application, to_status: str, by, reason: str = "") -> Application:
    """Move an application along the pipeline, if the move is allowed from where it is now.

    Declining needs a reason (kept on the application and as a note, so reopening keeps the history).
    Accepting happens only by admitting the applicant to a bed.
    """
    reason = reason.strip()
    if to_status == Status.ACCEPTED:
        raise ApplicationProblem("An application is accepted by admitting the applicant to a bed. Use “Admit”.")
    if to_status not in Status.values:
        raise ApplicationProblem("Choose one of the listed steps.")
    if to_status == Status.DECLINED:
        if not reason:
            raise ApplicationProblem("Say why the application is declined; the reason stays with the application.")
        if len(reason) > REASON_MAX_LENGTH:
            raise ApplicationProblem(f"Keep the reason to {REASON_MAX_LENGTH} characters; add more as a note.")
    with transaction.atomic():
        application = _locked(application)
        current = Status(application.status)
        if to_status == current:
            raise ApplicationProblem(f"This application is already at “{current.label}”.")
        if to_status not in TRANSITIONS[current]:
            if current == Status.ACCEPTED:
                raise ApplicationProblem("This applicant has been admitted; the application can no longer move.")
            raise ApplicationProblem(
                f"An application at “{current.label}” cannot move to “{Status(to_status).label}”. "
                "Reopen it first, or choose another step."
            )
        application.status = to_status
        application.decline_reason = reason if to_status == Status.DECLINED else ""
        application.save()
        if to_status == Status.DECLINED:
            ApplicationNote.objects.create(application=application, author=by, text=f"Declined: {reason}")
    return application


def add_note(*, application: Application, by, text: str) -> ApplicationNote:
    """A note on the application for the people doing intake (never shown to the applicant)."""
    text = text.strip()
    if not text:
        raise ApplicationProblem("Write something in the note before saving it.")
    if len(text) > NOTE_MAX_LENGTH:
        raise ApplicationProblem(f"A note can be up to {NOTE_MAX_LENGTH} characters; split it into two.")
    return ApplicationNote.objects.create(application=application, author=by, text=text)


def set_priority(*, application: Application, priority: int) -> Application:
    """1 is most urgent, 5 least; the waitlist lists the most urgent first, then the longest waiting."""
    if priority not in range(1, 6):
        raise ApplicationProblem("Choose a priority from 1 (most urgent) to 5.")
    with transaction.atomic():
        application = _locked(application)
        if application.priority != priority:
            application.priority = priority
            application.save()
    return application


def mark_house_consulted(*, application: Application, consulted: bool = True) -> Application:
    """Record that the residents of the house were asked about this applicant (they help choose)."""
    with transaction.atomic():
        application = _locked(application)
        if application.house_consulted != consulted:
            application.house_consulted = consulted
            application.save()
    return application


def _intake_people(residence):
    """Who hears of a new application: the administrators, and the house managers of the home asked for
    (all house managers when no home was chosen)."""
    managers = Q(role=Role.HOUSE_MANAGER)
    if residence is not None:
        managers &= Q(pk__in=HouseManagerAssignment.objects.filter(residence=residence).values("membership_id"))
    people = Membership.objects.filter(Q(role=Role.ADMIN) | managers, is_active=True, user__is_active=True)
    return [membership.user for membership in people.select_related("user")]


PUBLIC_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "email",
    "phone",
    "residence",
    "hoped_move_in",
    "on_mat",
    "referral_source",
    "message",
)


HOPED_MOVE_IN_AHEAD_DAYS = 366  # "a date within the next year"; later ones are a conversation with intake
CONTACT_MISSING = "Give us an email address or a phone number (or both), so we can reach you."


def hoped_move_in_problem(hoped: date | None, *, today: date) -> str | None:
    """Why an applicant's hoped move-in date cannot be taken (in the past, or more than a year ahead), or None.

    `today` is the organization's date. One rule for the public form and the API's referral partners.
    """
    if hoped is not None and hoped < today:
        return "Choose today or a later date."
    if hoped is not None and hoped > today + timedelta(days=HOPED_MOVE_IN_AHEAD_DAYS):
        return "Choose a date within the next year; we can talk about later dates."
    return None


@transaction.atomic
def submit_public_application(*, organization, data: dict) -> Application:
    """An application from the public form: it creates the application and nothing else, and tells intake.

    Runs in the organization's tenant scope (the caller enters it). `data` is the form's cleaned data;
    only the fields intake needs are taken from it. The notification names no applicant: the title is
    generic, and the link leads behind sign-in.
    """
    fields = {name: data[name] for name in PUBLIC_FIELDS if name in data}
    for name in ("first_name", "last_name", "preferred_name", "pronouns", "email", "phone", "referral_source"):
        fields[name] = (fields.get(name) or "").strip()
    fields["message"] = (fields.get("message") or "").strip()
    if not fields["email"] and not fields["phone"]:
        raise ApplicationProblem(CONTACT_MISSING)
    residence = fields.get("residence")
    if residence is not None and residence.organization_id != organization.pk:
        raise ApplicationProblem("Choose one of this organization's homes.")
    application = Application.objects.create(**fields)
    emit_event(kind=webhook_events.APPLICATION_RECEIVED, object_id=application.pk)
    where = f" for {residence.name}" if residence is not None else ""
    for person in _intake_people(residence):
        notify(
            recipient=person,
            kind=NEW_APPLICATION_KIND,
            title="New application received",
            body=f"Someone applied{where}. Open the waitlist to read it and take the next step.",
            url=reverse("residences:application_detail", kwargs={"pk": application.pk}),
        )
    return application
