"""House meeting tasks: a daily dispatcher that keeps each home's next meetings on the calendar, one task per
home with a meeting schedule. Safe to run twice: one meeting per home and date (a database constraint)."""

from celery import shared_task

from recovery.audit.recorder import acting_as, task_actor
from recovery.tenancy import scopes_disabled, tenant_scope


@shared_task(name="governance.schedule_meetings_dispatch")
def schedule_meetings_dispatch(queue: str | None = None) -> list[str]:
    from governance.house_meetings.models import MeetingSchedule

    with scopes_disabled():
        residence_ids = list(MeetingSchedule.objects.order_by("residence_id").values_list("residence_id", flat=True))
    return [schedule_meetings_for_home.apply_async(args=[pk], queue=queue).id for pk in residence_ids]


@shared_task(name="governance.schedule_meetings_for_home")
def schedule_meetings_for_home(residence_id: int) -> int:
    """Put the home's next four meetings on the calendar; returns how many were new."""
    from governance.house_meetings import services
    from residences.models import Residence

    with scopes_disabled():
        residence = Residence.objects.select_related("organization").filter(pk=residence_id).first()
    if residence is None:
        return 0
    with tenant_scope(residence.organization), acting_as(task_actor("governance.schedule_meetings")):
        return len(services.schedule_meetings(residence=residence))
