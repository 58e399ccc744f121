"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.accountability_models import AccountabilityNotice
from governance.drug_tests.models import DrugTest, RandomDraw, TestingPolicy, TestResponseStep, TestResult
from governance.grievances.models import Grievance, Mediation
from governance.incidents.models import FollowUpAction, Incident, IncidentReview
from governance.ladder.models import ConsequenceStep, Violation
from residents.reviews.admin import ReadOnlyTenantAdmin as TenantAdmin


@admin.register(Incident)
class IncidentAdmin(TenantAdmin):
    list_display = ("pk", "residence", "kind", "severity", "occurred_at", "resolved_at")
    list_filter = ("kind", "severity")


@admin.register(Violation)
class ViolationAdmin(TenantAdmin):
    list_display = ("pk", "residence", "step", "occurred_on", "appeal_status")


@admin.register(DrugTest)
class DrugTestAdmin(TenantAdmin):
    list_display = ("pk", "residence", "kind", "reason", "due_on", "collected_at", "return_to_use")


@admin.register(RandomDraw)
class RandomDrawAdmin(TenantAdmin):
    list_display = ("pk", "residence", "drawn_for", "rate_per_month")


@admin.register(Grievance)
class GrievanceAdmin(TenantAdmin):
    list_display = ("pk", "residence", "route", "response_due_on", "closed_at")


for model in (
    AccountabilityNotice,
    FollowUpAction,
    IncidentReview,
    ConsequenceStep,
    TestingPolicy,
    TestResult,
    TestResponseStep,
    Mediation,
):
    admin.site.register(model, TenantAdmin)
