"""Platform tasks."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from recovery.models import FormSubmission

FORM_TOKEN_DAYS = 2


@shared_task(name="recovery.ping")
def ping(token: str) -> str:
    """Echo a token back: proves that a worker takes work from the broker and reports the result."""
    return f"pong:{token}"


@shared_task(name="recovery.forget_old_form_submissions")
def forget_old_form_submissions() -> int:
    """Delete the one-time form tokens claimed more than FORM_TOKEN_DAYS (2) days ago; the number deleted.

    A form page kept open longer than that and sent twice would be saved twice; pages of signed-in people are not
    cached (`Cache-Control: no-store`), so a page that old is rare. Safe to run twice.
    """
    cutoff = timezone.now() - timedelta(days=FORM_TOKEN_DAYS)
    deleted, _ = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@shared_task(name="recovery.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Record that the scheduler, the broker and a worker all still run (recovery/heartbeat.py). Safe to repeat."""
    from recovery.heartbeat import record_beat

    record_beat()
