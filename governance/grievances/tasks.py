"""Accountability's Celery tasks: dispatchers find what is due (follow-up actions, grievance responses, homes'
random draws) and fan out one task per item; each task enters the item's tenant scope and calls a service. A
unique key per occurrence (a notice per key and person; a draw per home and day) makes a second run a no-op."""

from datetime import date

from recovery.celery import tenant_task


@tenant_task(name="governance.remind_grievance", model="governance.Grievance", related=("residence",), if_gone=0)
def remind_grievance(grievance, on: str | None = None) -> int:
    from governance.accountability.services import organization_today
    from governance.grievances import services as grievance_services

    today = date.fromisoformat(on) if on else organization_today()
    return grievance_services.remind_grievance(grievance=grievance, today=today)
