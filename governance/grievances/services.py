"""The verbs of grievances and mediations: a resident files a grievance (about the house manager: it goes to the
admins alone), the people it goes to are reminded once when the response is due, and it closes with an outcome."""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from governance.accountability.services import admins, admins_and_managers_of, notify_once
from governance.grievances.models import Grievance, GrievanceRoute, Mediation
from recovery.errors import DomainError
from recovery.requests import answered_title, waiting_title
from recovery.tenancy import home_today

RESPONSE_DAYS = 7


class GrievanceProblem(DomainError):
    pass


def recipients_of(grievance: Grievance) -> list:
    """Who answers it: the admins alone when it is about the house manager; else the admins and the managers."""
    if grievance.route == GrievanceRoute.ADMINS:
        return admins()
    return admins_and_managers_of(grievance.residence)


def file_grievance(
    *,
    resident,
    residence,
    subject: str,
    details: str,
    by,
    about_house_manager: bool = False,
    what_would_help: str = "",
    today: date | None = None,
) -> Grievance:
    if not subject.strip() or not details.strip():
        raise GrievanceProblem("Give your grievance a short title and say what happened.")
    today = today or home_today(residence)
    with transaction.atomic():
        grievance = Grievance.objects.create(
            resident=resident,
            residence=residence,
            filed_by=by,
            about_house_manager=about_house_manager,
            route=GrievanceRoute.ADMINS if about_house_manager else GrievanceRoute.HOUSE,
            subject=subject,
            details=details,
            what_would_help=what_would_help,
            response_due_on=today + timedelta(days=RESPONSE_DAYS),
        )
        url = reverse("governance:grievance_detail", kwargs={"pk": grievance.pk})
        for person in recipients_of(grievance):
            notify_once(
                key=f"grievance:{grievance.pk}",
                recipient=person,
                kind="request.grievance.waiting",
                title=waiting_title("grievance"),
                url=url,
            )
    return grievance


def remind_grievance(*, grievance: Grievance, today: date) -> int:
    """On the response date, remind those it went to (once each) if it is still open."""
    if grievance.closed_at is not None or grievance.response_due_on > today:
        return 0
    url = reverse("governance:grievance_detail", kwargs={"pk": grievance.pk})
    return sum(
        notify_once(
            key=f"grievance-due:{grievance.pk}",
            recipient=person,
            kind="grievance.due",
            title="A grievance is waiting for a response",
            url=url,
        )
        for person in recipients_of(grievance)
    )


def respond(*, grievance: Grievance, response: str, outcome: str, by, close: bool = True) -> Grievance:
    if not response.strip():
        raise GrievanceProblem("Write your response to the resident before saving.")
    if grievance.closed_at is not None:
        raise GrievanceProblem("This grievance is closed.")
    grievance.response, grievance.outcome, grievance.responded_by = response, outcome, by
    if close:
        grievance.closed_at = timezone.now()
    grievance.save()
    if grievance.resident.user_id is not None:
        notify_once(
            key=f"grievance-answered:{grievance.pk}",
            recipient=grievance.resident.user,
            kind="request.grievance.decided",
            title=answered_title("grievance"),
            url=reverse("governance:grievance_detail", kwargs={"pk": grievance.pk}),
        )
    return grievance


def record_mediation(
    *,
    residence,
    parties,
    issue: str,
    held_on: date,
    by,
    facilitator=None,
    facilitator_name: str = "",
    agreement: str = "",
    follow_up_on: date | None = None,
) -> Mediation:
    parties = list(parties)
    if len(parties) < 2:
        raise GrievanceProblem("A mediation needs at least two people. Choose both sides.")
    with transaction.atomic():
        mediation = Mediation.objects.create(
            residence=residence,
            issue=issue,
            held_on=held_on,
            created_by=by,
            facilitator=facilitator,
            facilitator_name=facilitator_name,
            agreement=agreement,
            follow_up_on=follow_up_on,
        )
        mediation.parties.set(parties)
    return mediation


def record_follow_up(*, mediation: Mediation, agreement: str) -> Mediation:
    mediation.agreement, mediation.followed_up_at = agreement, timezone.now()
    mediation.save(update_fields=["agreement", "followed_up_at"])
    return mediation
