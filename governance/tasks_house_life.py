"""Celery tasks for house life: flag residents overdue back (once per sign-out), and turn each home's chore
rotation (once per home per week). Dispatchers find ids with scopes disabled; per-item tasks enter the tenant
scope and call services; the unique keys (OverdueFlag per sign-out, ChoreWeek per home and week) make reruns
do nothing twice."""

from celery import shared_task
from django.utils import timezone

from recovery.audit.recorder import acting_as, task_actor
from recovery.tenancy import scopes_disabled, tenant_scope


@shared_task(name="governance.flag_overdue_back_dispatch")
def flag_overdue_back_dispatch(queue: str | None = None) -> list[str]:
    """Queue one check per open sign-out already past its due-back time and not yet flagged."""
    from governance.pass_models import SignOut

    with scopes_disabled():
        ids = list(
            SignOut.objects.filter(back_at__isnull=True, due_back_at__lte=timezone.now(), overdue_flags__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return [flag_overdue_back.apply_async(args=[pk], queue=queue).id for pk in ids]


@shared_task(name="governance.flag_overdue_back")
def flag_overdue_back(sign_out_id: int) -> bool:
    from governance import pass_services
    from governance.pass_models import SignOut

    with scopes_disabled():
        sign_out = SignOut.objects.select_related("organization", "residence").filter(pk=sign_out_id).first()
    if sign_out is None:
        return False
    with tenant_scope(sign_out.organization), acting_as(task_actor("governance.flag_overdue_back")):
        return pass_services.flag_if_overdue(sign_out=sign_out)


@shared_task(name="governance.turn_chore_weeks_dispatch")
def turn_chore_weeks_dispatch(queue: str | None = None) -> list[str]:
    """Queue one rotation turn per home with active chores."""
    from governance.chore_models import Chore

    with scopes_disabled():
        ids = sorted(set(Chore.objects.filter(active=True).values_list("residence_id", flat=True)))
    return [turn_chore_week.apply_async(args=[pk], queue=queue).id for pk in ids]


@shared_task(name="governance.turn_chore_week")
def turn_chore_week(residence_id: int) -> bool:
    from governance import chore_services
    from residences.homes.selectors import local_today
    from residences.models import Residence

    with scopes_disabled():
        residence = Residence.objects.select_related("organization").filter(pk=residence_id).first()
    if residence is None:
        return False
    with tenant_scope(residence.organization), acting_as(task_actor("governance.turn_chore_week")):
        return chore_services.turn_week(residence=residence, today=local_today(residence.organization)) is not None


@shared_task(name="governance.ask_for_treasury_audits")
def ask_for_treasury_audits() -> int:
    """Open last month's audit once per home that keeps a treasury (daily is safe: a unique audit per month)."""
    from governance import treasury_services
    from governance.treasury_models import TreasuryExpense
    from residences.homes.selectors import local_today
    from residences.models import Residence

    with scopes_disabled():
        ids = set(TreasuryExpense.objects.values_list("residence_id", flat=True))
        homes = list(Residence.objects.filter(pk__in=ids).select_related("organization").order_by("pk"))
    opened = 0
    for home in homes:
        with tenant_scope(home.organization), acting_as(task_actor("governance.ask_for_treasury_audits")):
            today = local_today(home.organization)
            opened += treasury_services.ask_for_last_months_audit(residence=home, today=today) is not None
    return opened
