"""Page-shaped reads for accountability: the manager's picture of their homes, and the lists behind it. Each read
is one query (plus fixed prefetches), so the pages' query counts do not grow with the history."""

from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q

from governance.drug_tests.models import DrugTest, RandomDraw, TestResponseStep, TestResult
from governance.grievances.models import Grievance, Mediation
from governance.incidents.models import FollowUpAction, Incident
from governance.ladder.models import AppealStatus, Violation
from recovery.models import Role
from residences.homes.selectors import home_residence_id, visible_residences
from residents.sensitivity import InfoClass, can_see_class

PAGE_SIZE = 25
DASHBOARD_ROWS = 50


def home_ids(membership) -> list[int]:
    return list(visible_residences(membership).values_list("pk", flat=True))


def incidents_for(membership):
    """Incidents this person may list: their homes' for staff; for a resident, the ones they reported."""
    incidents = Incident.objects.select_related("residence", "reported_by").order_by("-occurred_at", "-pk")
    if membership.role == Role.RESIDENT:
        return incidents.filter(reported_by=membership.user)
    if not can_see_class(membership, InfoClass.INCIDENTS):
        return incidents.none()
    return incidents.filter(residence__in=visible_residences(membership))


def home_incidents_for_resident(membership):
    """Incidents of a resident's home in outline (kind, date, whether reviewed): anyone may call a review."""
    home_id = home_residence_id(membership)
    if home_id is None:
        return Incident.objects.none()
    return Incident.objects.filter(residence_id=home_id).order_by("-occurred_at", "-pk").prefetch_related("reviews")


def incidents_page(membership, *, page_number=None, open_only=False):
    incidents = incidents_for(membership)
    if open_only:
        incidents = incidents.filter(resolved_at__isnull=True)
    return Paginator(incidents, PAGE_SIZE).get_page(page_number)


def incident_detail(pk):
    return Incident.objects.select_related("residence", "reported_by", "resolved_by").prefetch_related(
        "involved",
        "witnesses",
        "reviews",
        Prefetch("actions", queryset=FollowUpAction.objects.select_related("owner").order_by("due_on", "pk")),
    )


def violations_for(membership):
    violations = Violation.objects.select_related("resident", "residence", "step").order_by("-occurred_on", "-pk")
    return violations.filter(residence__in=visible_residences(membership))


def tests_with_results():
    return DrugTest.objects.select_related("resident", "residence", "draw").prefetch_related(
        Prefetch("results", queryset=TestResult.objects.order_by("substance")),
        Prefetch("response_steps", queryset=TestResponseStep.objects.select_related("violation").order_by("pk")),
    )


def tests_for(membership):
    if not can_see_class(membership, InfoClass.TEST_RESULTS):
        return DrugTest.objects.none()
    return tests_with_results().filter(residence__in=visible_residences(membership)).order_by("-due_on", "-pk")


def tests_page(membership, *, page_number=None):
    return Paginator(tests_for(membership), PAGE_SIZE).get_page(page_number)


def grievances_for(membership):
    """Grievances this person answers: all for admins; a house manager's homes', never those about the manager."""
    grievances = Grievance.objects.select_related("resident", "residence").order_by("response_due_on", "pk")
    if membership.role == Role.ADMIN:
        return grievances
    if membership.role == Role.HOUSE_MANAGER:
        return grievances.filter(residence__in=visible_residences(membership), about_house_manager=False)
    if membership.role == Role.RESIDENT:
        return grievances.filter(resident__user=membership.user)
    return grievances.none()


def grievances_page(membership, *, page_number=None):
    return Paginator(grievances_for(membership), PAGE_SIZE).get_page(page_number)


def mediations_for(membership):
    mediations = Mediation.objects.select_related("residence", "facilitator").prefetch_related("parties")
    if membership.role == Role.RESIDENT:
        return mediations.filter(Q(parties__user=membership.user) | Q(facilitator=membership.user)).distinct()
    return mediations.filter(residence__in=visible_residences(membership))


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
