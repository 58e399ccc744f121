"""Celery tasks for house operations and compliance: the periodic dispatcher that finds certifications about to
lapse, and the per-home task that reminds the organization's admins (once per home, expiry date and step)."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from recovery.celery import tenant_task
from recovery.tenancy import home_today, scopes_disabled
from residences.compliance import services as compliance
from residences.models import CertificationReminder, Residence

logger = logging.getLogger(__name__)


@shared_task(name="residences.certification_reminders")
def certification_reminders() -> int:
    """Find, across organizations, homes whose certification reminder step is due and not yet sent; queue one
    task per home. Safe to run as often as beat likes: each home's step is sent once (see the unique key)."""
    utc_today = timezone.now().date()
    with scopes_disabled():
        # A day's slack each side: every organization's local date is within a day of UTC's.
        candidates = list(
            Residence.objects.filter(
                certification_expires_on__gte=utc_today - timedelta(days=1),
                certification_expires_on__lte=utc_today + timedelta(days=max(compliance.REMINDER_DAYS) + 1),
            ).select_related("organization")
        )
        sent = set(
            CertificationReminder.objects.filter(residence__in=candidates).values_list(
                "residence_id", "expires_on", "days_before"
            )
        )
    due = []
    for residence in candidates:
        today = home_today(residence)
        step = compliance.reminder_step_due(expires_on=residence.certification_expires_on, today=today)
        if step is not None and (residence.pk, residence.certification_expires_on, step) not in sent:
            due.append(residence.pk)
    for residence_id in due:
        send_certification_reminder.delay(residence_id)
    if due:
        logger.info("Queued %d certification reminders.", len(due))
    return len(due)


@tenant_task(name="residences.send_certification_reminder", model="residences.Residence", if_gone=0)
def send_certification_reminder(residence) -> int:
    """Remind one home's organization's admins, if its step is due and not sent yet (idempotent)."""
    return compliance.send_certification_reminder(residence=residence)
