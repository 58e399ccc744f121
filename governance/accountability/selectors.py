"""Page-shaped reads for accountability: the manager's picture of their homes, and the lists behind it. Each read
is one query (plus fixed prefetches), so the pages' query counts do not grow with the history."""

from datetime import date, timedelta

from django.db.models import Q

from governance.drug_tests.models import RandomDraw
from governance.drug_tests.selectors import tests_for
from governance.grievances.selectors import grievances_for
from governance.incidents.selectors import incidents_for
from governance.ladder.models import AppealStatus
from governance.ladder.selectors import violations_for
from residences.homes.selectors import visible_residences
from residents.sensitivity import InfoClass, can_see_class

DASHBOARD_ROWS = 50


def dashboard(membership, *, today: date) -> dict:
    """The manager's accountability picture for the homes they look after: open incidents, violations waiting
    on a statement or an appeal, tests due and today's draws, grievances by due date. A fixed number of queries."""
    homes = visible_residences(membership)
    sees_tests = can_see_class(membership, InfoClass.TEST_RESULTS)
    return {
        "incidents": list(incidents_for(membership).filter(resolved_at__isnull=True)[:DASHBOARD_ROWS]),
        "waiting_violations": list(
            violations_for(membership).filter(
                Q(appeal_status=AppealStatus.PENDING) | Q(statement_at__isnull=True, appeal_status="")
            )[:DASHBOARD_ROWS]
        ),
        "tests_due": list(
            tests_for(membership)
            .filter(collected_at__isnull=True, due_on__lte=today + timedelta(days=7))
            .order_by("due_on", "pk")[:DASHBOARD_ROWS]
        )
        if sees_tests
        else [],
        "draws": list(
            RandomDraw.objects.filter(residence__in=homes, drawn_for__gte=today - timedelta(days=6))
            .select_related("residence")
            .order_by("-drawn_for", "residence__name")[:DASHBOARD_ROWS]
        )
        if sees_tests
        else [],
        "grievances": list(grievances_for(membership).filter(closed_at__isnull=True)[:DASHBOARD_ROWS]),
        "today": today,
        "sees_tests": sees_tests,
    }
