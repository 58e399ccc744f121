"""Accountability's Celery tasks: dispatchers find what is due (follow-up actions, grievance responses, homes'
random draws) and fan out one task per item; each task enters the item's tenant scope and calls a service. A
unique key per occurrence (a notice per key and person; a draw per home and day) makes a second run a no-op."""

from celery import shared_task

from governance.drug_tests.tasks import draw_random_tests
from governance.grievances.tasks import remind_grievance
from governance.incidents.tasks import remind_action
from recovery.tenancy import scopes_disabled


def _ids(model, **filters) -> list[int]:
    with scopes_disabled():
        return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


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
