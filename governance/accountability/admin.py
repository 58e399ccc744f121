"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (ReadOnlyTenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.accountability.models import AccountabilityNotice
from governance.drug_tests.models import TestingPolicy, TestResponseStep, TestResult
from governance.grievances.models import Mediation
from governance.incidents.models import FollowUpAction, IncidentReview
from governance.ladder.models import ConsequenceStep
from recovery.admin import ReadOnlyTenantAdmin

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
    admin.site.register(model, ReadOnlyTenantAdmin)
