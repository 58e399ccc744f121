"""Page-shaped reads for accountability: the manager's picture of their homes, and the lists behind it. Each read
is one query (plus fixed prefetches), so the pages' query counts do not grow with the history."""

from django.core.paginator import Paginator
from django.db.models import Prefetch

from governance.drug_tests.models import DrugTest, TestResponseStep, TestResult
from recovery.pagination import PAGE_SIZE
from residences.homes.selectors import visible_residences
from residents.sensitivity import can_see_class, class_of


def tests_with_results():
    return DrugTest.objects.select_related("resident", "residence", "draw").prefetch_related(
        Prefetch("results", queryset=TestResult.objects.order_by("substance")),
        Prefetch("response_steps", queryset=TestResponseStep.objects.select_related("violation").order_by("pk")),
    )


def tests_for(membership):
    if not can_see_class(membership, class_of("governance.DrugTest")):
        return DrugTest.objects.none()
    return tests_with_results().filter(residence__in=visible_residences(membership)).order_by("-due_on", "-pk")


def tests_page(membership, *, page_number=None):
    return Paginator(tests_for(membership), PAGE_SIZE).get_page(page_number)
