"""Django admin for progress reviews, BARC-10 and plans, for platform support: read-only, lists without names
or answers; opening a record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin
from residents.safety_plans.models import SafetyPlan, SelfCarePlan


class SafetyPlanAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "updated_at"]
    raw_id_fields = ["resident", "updated_by"]


class SelfCarePlanAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "next_review_on", "updated_at"]
    raw_id_fields = ["user"]


admin.site.register(SafetyPlan, SafetyPlanAdmin)


admin.site.register(SelfCarePlan, SelfCarePlanAdmin)
