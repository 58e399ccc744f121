"""House meeting tasks: a daily dispatcher that keeps each home's next meetings on the calendar, one task per
home with a meeting schedule. Safe to run twice: one meeting per home and date (a database constraint)."""

from celery import shared_task

from recovery.celery import tenant_task
from recovery.tenancy import scopes_disabled


@shared_task(name="governance.schedule_meetings_dispatch")
def schedule_meetings_dispatch(queue: str | None = None) -> list[str]:
    from governance.house_meetings.models import MeetingSchedule

    with scopes_disabled():
        residence_ids = list(MeetingSchedule.objects.order_by("residence_id").values_list("residence_id", flat=True))
    return [schedule_meetings_for_home.apply_async(args=[pk], queue=queue).id for pk in residence_ids]


@tenant_task(
    name="governance.schedule_meetings_for_home",
    model="residences.Residence",
    actor="governance.schedule_meetings",
    if_gone=0,
)
def schedule_meetings_for_home(residence) -> int:
    """Put the home's next four meetings on the calendar; returns how many were new."""
    from governance.house_meetings import services

    return len(services.schedule_meetings(residence=residence))
