"""Django admin for progress reviews, BARC-10 and plans, for platform support: read-only, lists without names
or answers; opening a record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residents.review_models import (
    Barc10Assessment,
    MatStorageLog,
    Medication,
    ProgressReview,
    SafetyPlan,
    SelfCarePlan,
)


class ReadOnlyTenantAdmin(TenantAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProgressReviewAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "stay", "due_on", "completed_at", "reminded_at"]
    list_select_related = ["stay"]
    date_hierarchy = "due_on"
    raw_id_fields = ["stay", "reviewer"]


class Barc10AssessmentAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "taken_on", "occasion", "total"]
    list_filter = ["occasion"]
    raw_id_fields = ["resident", "stay", "recorded_by"]


class SafetyPlanAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "updated_at"]
    raw_id_fields = ["resident", "updated_by"]


class SelfCarePlanAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "next_review_on", "updated_at"]
    raw_id_fields = ["user"]


class MedicationAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "mat_kind", "stored_on_site", "started_on", "stopped_on"]
    list_filter = ["mat_kind", "stored_on_site"]
    raw_id_fields = ["resident"]


class MatStorageLogAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "medication", "kind", "at", "quantity", "counted", "expected"]
    list_filter = ["kind"]
    raw_id_fields = ["medication", "recorded_by"]


admin.site.register(Medication, MedicationAdmin)
admin.site.register(MatStorageLog, MatStorageLogAdmin)
admin.site.register(ProgressReview, ProgressReviewAdmin)
admin.site.register(Barc10Assessment, Barc10AssessmentAdmin)
admin.site.register(SafetyPlan, SafetyPlanAdmin)
admin.site.register(SelfCarePlan, SelfCarePlanAdmin)
