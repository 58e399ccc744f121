"""Accountability's Celery tasks: dispatchers find what is due (follow-up actions, grievance responses, homes'
random draws) and fan out one task per item; each task enters the item's tenant scope and calls a service. A
unique key per occurrence (a notice per key and person; a draw per home and day) makes a second run a no-op."""

from datetime import date

from recovery.celery import tenant_task


@tenant_task(
    name="governance.remind_follow_up_action",
    model="governance.FollowUpAction",
    related=("incident__residence",),
    if_gone=False,
)
def remind_action(action, on: str | None = None) -> bool:
    from governance.incidents import services as incident_services
    from recovery.tenancy import home_today

    today = date.fromisoformat(on) if on else home_today(action.incident.residence)  # due on the home's day
    return incident_services.remind_action(action=action, today=today)
