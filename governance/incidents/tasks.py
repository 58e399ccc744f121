"""Accountability's Celery tasks: dispatchers find what is due (follow-up actions, grievance responses, homes'
random draws) and fan out one task per item; each task enters the item's tenant scope and calls a service. A
unique key per occurrence (a notice per key and person; a draw per home and day) makes a second run a no-op."""

from datetime import date

from celery import shared_task

from recovery.audit.recorder import acting_as, task_actor
from recovery.tenancy import row_for_task, tenant_scope


@shared_task(name="governance.remind_follow_up_action")
def remind_action(action_id: int, on: str | None = None) -> bool:
    from governance.accountability.services import organization_today
    from governance.incidents import services as incident_services
    from governance.incidents.models import FollowUpAction

    action = row_for_task(FollowUpAction, action_id, "incident")
    if action is None:
        return False
    with tenant_scope(action.organization), acting_as(task_actor("governance.remind_follow_up_action")):
        today = date.fromisoformat(on) if on else organization_today()
        return incident_services.remind_action(action=action, today=today)
