"""Residents' Celery tasks: the periodic dispatcher that creates due progress reviews, one task per open stay,
and the self-care plan review reminders. Tasks take ids, enter the stay's tenant scope by name, and call
services; each is safe to run twice (one review per stay and due date; one reminder per review date)."""

from celery import shared_task

from recovery.audit.recorder import acting_as, task_actor
from recovery.tenancy import organization_today, scopes_disabled, tenant_scope
from residents.safety_plans import services as safety_plans_services
from residents.safety_plans.models import SelfCarePlan


@shared_task(name="residents.self_care_reminders")
def self_care_reminders() -> int:
    """Remind members whose self-care plan is due for another look (once per review date)."""
    with scopes_disabled():
        plans = list(SelfCarePlan.objects.select_related("organization").order_by("pk"))
    sent = 0
    for plan in plans:
        with tenant_scope(plan.organization), acting_as(task_actor("residents.self_care_reminders")):
            sent += safety_plans_services.remind_self_care_review(plan=plan, today=organization_today())
    return sent
