"""The verbs of incidents: report one (critical ones alert the home's people once and open a red-flag review),
call a red-flag review, add and finish follow-up actions, remind owners once, resolve."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from governance.accountability.services import admins_and_managers_of, notify_once
from governance.incidents.models import FollowUpAction, Incident, IncidentReview, Severity
from recovery.errors import DomainError
from recovery.webhooks import events as webhook_events
from recovery.webhooks.services import emit_event


class IncidentProblem(DomainError):
    pass


def report_incident(
    *,
    residence,
    kind: str,
    severity: str,
    occurred_at,
    description: str,
    by,
    location: str = "",
    involved=(),
    witnesses=(),
    others_involved: str = "",
    naloxone_given: bool = False,
    called_911: bool = False,
    other_action: str = "",
    self_category: str = "",
    confidential: bool = False,
) -> Incident:
    """Record an incident. A critical one notifies the org's admins and the home's managers at once (once each,
    with a title that names no one) and opens its red-flag review."""
    if occurred_at > timezone.now() + timezone.timedelta(minutes=5):
        raise IncidentProblem("The time it happened is in the future. Check the date and time, then save again.")
    with transaction.atomic():
        incident = Incident.objects.create(
            residence=residence,
            kind=kind,
            severity=severity,
            occurred_at=occurred_at,
            location=location,
            description=description,
            others_involved=others_involved,
            naloxone_given=naloxone_given,
            called_911=called_911,
            other_action=other_action,
            self_category=self_category,
            reported_by=by,
            confidential=confidential,
        )
        incident.involved.set(involved)
        incident.witnesses.set(witnesses)
        emit_event(kind=webhook_events.INCIDENT_OPENED, object_id=incident.pk)
        if severity == Severity.CRITICAL:
            alert_critical(incident=incident)
            call_review(incident=incident, by=None)
    return incident


def change_severity(*, incident: Incident, severity: str) -> Incident:
    """Raise or lower an incident's severity. Raised to critical, it alerts and opens its review as a critical
    report does; the alert's unique key means nobody is told twice, however often it goes up and down."""
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        incident.severity = severity
        incident.save(update_fields=["severity"])
        if severity == Severity.CRITICAL:
            alert_critical(incident=incident)
            call_review(incident=incident, by=None)
    return incident


def alert_critical(*, incident: Incident) -> int:
    """Tell the admins and the home's house managers about a critical incident: once per person, ever."""
    url = reverse("governance:incident_detail", kwargs={"pk": incident.pk})
    sent = 0
    for person in admins_and_managers_of(incident.residence):
        sent += notify_once(
            key=f"incident-critical:{incident.pk}",
            recipient=person,
            kind="incident.critical",
            title="A critical incident was reported in one of your homes",
            url=url,
            urgent=True,
        )
    return sent


def call_review(*, incident: Incident, by) -> IncidentReview:
    """Open the incident's red-flag review (anyone may call one); calling it again returns the open one."""
    existing = IncidentReview.objects.filter(incident=incident).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return IncidentReview.objects.create(incident=incident, called_by=by, called_at=timezone.now())
    except IntegrityError:
        return IncidentReview.objects.get(incident=incident)


def save_review(
    *, review: IncidentReview, what_happened: str, what_helped: str, what_we_change: str, complete: bool = False
) -> IncidentReview:
    if review.completed_at is not None:
        raise IncidentProblem("This review is complete, so it can no longer be changed.")
    if complete and not what_we_change.strip():
        raise IncidentProblem("Write down what we change before completing the review.")
    review.what_happened, review.what_helped, review.what_we_change = what_happened, what_helped, what_we_change
    if complete:
        review.completed_at = timezone.now()
    review.save()
    return review


def add_action(*, incident: Incident, description: str, owner, due_on: date) -> FollowUpAction:
    if not incident.is_open:
        raise IncidentProblem("This incident is resolved. Reopen it before adding actions.")
    return FollowUpAction.objects.create(incident=incident, description=description, owner=owner, due_on=due_on)


def finish_action(*, action: FollowUpAction) -> FollowUpAction:
    if action.done_at is None:
        action.done_at = timezone.now()
        action.save(update_fields=["done_at"])
    return action


def remind_action(*, action: FollowUpAction, today: date) -> bool:
    """Remind the owner of a follow-up that is due and not done: once per action."""
    if action.done_at is not None or action.due_on > today or not action.incident.is_open:
        return False
    return notify_once(
        key=f"action-due:{action.pk}",
        recipient=action.owner,
        kind="incident.action_due",
        title="A follow-up action from an incident is due",
        url=reverse("governance:incident_detail", kwargs={"pk": action.incident_id}),
    )


def resolve_incident(*, incident: Incident, resolution: str, by) -> Incident:
    """Close the incident with what was done; open follow-ups stay visible but no longer remind."""
    if not resolution.strip():
        raise IncidentProblem("Write how it was resolved before closing the incident.")
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if not incident.is_open:
            raise IncidentProblem("This incident is already resolved.")
        incident.resolution, incident.resolved_at, incident.resolved_by = resolution, timezone.now(), by
        incident.save(update_fields=["resolution", "resolved_at", "resolved_by"])
    return incident
