"""Reads of the consequence ladder for the resident: their home's steps and their own history (for the "my house"
page include `governance/ladder/_my_history.html` and the resident's accountability page)."""

from django.db.models import Prefetch

from governance.drug_tests.models import DrugTest, TestResponseStep, TestResult
from governance.grievances.models import Grievance
from governance.ladder.models import ConsequenceStep, Violation
from recovery.tenancy import organization_today
from residences.homes.selectors import home_of, visible_residences
from residences.models import Residence

HISTORY_ROWS = 50


def ladder_steps(residence: Residence) -> list[ConsequenceStep]:
    from governance.ladder.services import ladder_of

    return ladder_of(residence)


def my_history(resident) -> dict:
    """What a resident sees of their own accountability record: their home's ladder, their violations (with the
    step, statement and appeal), their tests with results and every response step, and their grievances.
    A fixed number of queries whatever the length of the history."""
    if resident is None:
        return {"resident": None, "home": None, "steps": [], "violations": [], "tests": [], "grievances": []}
    home = home_of(resident=resident, on=organization_today(resident.organization))
    tests = (
        DrugTest.objects.filter(resident=resident)
        .select_related("residence")
        .prefetch_related(
            Prefetch("results", queryset=TestResult.objects.order_by("substance")),
            Prefetch("response_steps", queryset=TestResponseStep.objects.order_by("pk")),
        )
        .order_by("-due_on", "-pk")[:HISTORY_ROWS]
    )
    return {
        "resident": resident,
        "home": home,
        "steps": ladder_steps(home) if home is not None else [],
        "violations": list(
            Violation.objects.filter(resident=resident).select_related("step", "residence")[:HISTORY_ROWS]
        ),
        "tests": list(tests),
        "grievances": list(Grievance.objects.filter(resident=resident).order_by("-created_at")[:HISTORY_ROWS]),
    }


def violations_for(membership):
    violations = Violation.objects.select_related("resident", "residence", "step").order_by("-occurred_on", "-pk")
    return violations.filter(residence__in=visible_residences(membership))
