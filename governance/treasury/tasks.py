"""Celery tasks for house life: flag residents overdue back (once per sign-out), and turn each home's chore
rotation (once per home per week). Dispatchers find ids with scopes disabled; per-item tasks enter the tenant
scope and call services; the unique keys (OverdueFlag per sign-out, ChoreWeek per home and week) make reruns
do nothing twice."""

from celery import shared_task

from recovery.audit.recorder import acting_as, task_actor
from recovery.tenancy import home_today, scopes_disabled, tenant_scope


@shared_task(name="governance.ask_for_treasury_audits")
def ask_for_treasury_audits() -> int:
    """Open last month's audit once per home that keeps a treasury (daily is safe: a unique audit per month)."""
    from governance.treasury import services as treasury_services
    from governance.treasury.models import TreasuryExpense
    from residences.models import Residence

    with scopes_disabled():
        ids = set(TreasuryExpense.objects.values_list("residence_id", flat=True))
        homes = list(Residence.objects.filter(pk__in=ids).select_related("organization").order_by("pk"))
    opened = 0
    for home in homes:
        with tenant_scope(home.organization), acting_as(task_actor("governance.ask_for_treasury_audits")):
            today = home_today(home)
            opened += treasury_services.ask_for_last_months_audit(residence=home, today=today) is not None
    return opened
