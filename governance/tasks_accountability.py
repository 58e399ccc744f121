"""Accountability's Celery tasks: dispatchers find what is due (follow-up actions, grievance responses, homes'
random draws) and fan out one task per item; each task enters the item's tenant scope and calls a service. A
unique key per occurrence (a notice per key and person; a draw per home and day) makes a second run a no-op."""

from datetime import date

from celery import shared_task

from recovery.audit.recorder import acting_as, task_actor
from recovery.tenancy import scopes_disabled, tenant_scope


def _ids(model, **filters) -> list[int]:
    with scopes_disabled():
        return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def _load(model, pk, *related):
    with scopes_disabled():
        return model.objects.select_related("organization", *related).filter(pk=pk).first()


@shared_task(name="governance.accountability_dispatch")
def accountability_dispatch(queue: str | None = None) -> list[str]:
    """Queue a reminder check per open follow-up action and open grievance, and a draw per testing home."""
    from governance.grievances.models import Grievance
    from governance.incidents.models import FollowUpAction
    from residences.models import Residence

    queued = [
        remind_action.apply_async(args=[pk], queue=queue).id
        for pk in _ids(FollowUpAction, done_at__isnull=True, incident__resolved_at__isnull=True)
    ]
    queued += [
        remind_grievance.apply_async(args=[pk], queue=queue).id for pk in _ids(Grievance, closed_at__isnull=True)
    ]
    queued += [
        draw_random_tests.apply_async(args=[pk], queue=queue).id
        for pk in _ids(Residence, drug_screening=True, random_tests_per_month__gt=0)
    ]
    return queued


@shared_task(name="governance.remind_follow_up_action")
def remind_action(action_id: int, on: str | None = None) -> bool:
    from governance.accountability_services import organization_today
    from governance.incidents import services as incident_services
    from governance.incidents.models import FollowUpAction

    action = _load(FollowUpAction, action_id, "incident")
    if action is None:
        return False
    with tenant_scope(action.organization), acting_as(task_actor("governance.remind_follow_up_action")):
        today = date.fromisoformat(on) if on else organization_today()
        return incident_services.remind_action(action=action, today=today)


@shared_task(name="governance.remind_grievance")
def remind_grievance(grievance_id: int, on: str | None = None) -> int:
    from governance.accountability_services import organization_today
    from governance.grievances import services as grievance_services
    from governance.grievances.models import Grievance

    grievance = _load(Grievance, grievance_id, "residence")
    if grievance is None:
        return 0
    with tenant_scope(grievance.organization), acting_as(task_actor("governance.remind_grievance")):
        today = date.fromisoformat(on) if on else organization_today()
        return grievance_services.remind_grievance(grievance=grievance, today=today)


@shared_task(name="governance.draw_random_tests")
def draw_random_tests(residence_id: int, on: str | None = None) -> int | None:
    """Draw the home's random tests for the day (once); returns the draw's id, or None when it was refused."""
    from governance.accountability_services import organization_today
    from governance.drug_tests import services as testing_services
    from residences.models import Residence

    residence = _load(Residence, residence_id)
    if residence is None:
        return None
    with tenant_scope(residence.organization), acting_as(task_actor("governance.draw_random_tests")):
        day = date.fromisoformat(on) if on else organization_today()
        try:
            return testing_services.draw_random_tests(residence=residence, day=day).pk
        except testing_services.TestingProblem:
            return None  # a high rate without a reason: the home's page says so; nothing is drawn
