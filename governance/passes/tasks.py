"""Celery tasks for house life: flag residents overdue back (once per sign-out), and turn each home's chore
rotation (once per home per week). Dispatchers find ids with scopes disabled; per-item tasks enter the tenant
scope and call services; the unique keys (OverdueFlag per sign-out, ChoreWeek per home and week) make reruns
do nothing twice."""

from celery import shared_task
from django.utils import timezone

from recovery.celery import tenant_task
from recovery.tenancy import scopes_disabled


@shared_task(name="governance.flag_overdue_back_dispatch")
def flag_overdue_back_dispatch(queue: str | None = None) -> list[str]:
    """Queue one check per open sign-out already past its due-back time and not yet flagged."""
    from governance.passes.models import SignOut

    with scopes_disabled():
        ids = list(
            SignOut.objects.filter(back_at__isnull=True, due_back_at__lte=timezone.now(), overdue_flags__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return [flag_overdue_back.apply_async(args=[pk], queue=queue).id for pk in ids]


@tenant_task(name="governance.flag_overdue_back", model="governance.SignOut", related=("residence",), if_gone=False)
def flag_overdue_back(sign_out) -> bool:
    from governance.passes import services as pass_services

    return pass_services.flag_if_overdue(sign_out=sign_out)
