"""Accountability's Celery tasks: dispatchers find what is due (follow-up actions, grievance responses, homes'
random draws) and fan out one task per item; each task enters the item's tenant scope and calls a service. A
unique key per occurrence (a notice per key and person; a draw per home and day) makes a second run a no-op."""

from datetime import date

from celery import shared_task

from recovery.audit.recorder import acting_as, task_actor
from recovery.tenancy import row_for_task, tenant_scope


@shared_task(name="governance.remind_grievance")
def remind_grievance(grievance_id: int, on: str | None = None) -> int:
    from governance.accountability.services import organization_today
    from governance.grievances import services as grievance_services
    from governance.grievances.models import Grievance

    grievance = row_for_task(Grievance, grievance_id, "residence")
    if grievance is None:
        return 0
    with tenant_scope(grievance.organization), acting_as(task_actor("governance.remind_grievance")):
        today = date.fromisoformat(on) if on else organization_today()
        return grievance_services.remind_grievance(grievance=grievance, today=today)
