"""Accountability's Celery tasks: dispatchers find what is due (follow-up actions, grievance responses, homes'
random draws) and fan out one task per item; each task enters the item's tenant scope and calls a service. A
unique key per occurrence (a notice per key and person; a draw per home and day) makes a second run a no-op."""

from datetime import date

from recovery.celery import tenant_task


@tenant_task(
    name="governance.remind_follow_up_action", model="governance.FollowUpAction", related=("incident",), if_gone=False
)
def remind_action(action, on: str | None = None) -> bool:
    from governance.accountability.services import organization_today
    from governance.incidents import services as incident_services

    today = date.fromisoformat(on) if on else organization_today()
    return incident_services.remind_action(action=action, today=today)
