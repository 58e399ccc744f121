"""Django admin for recovery plans and case notes: platform support only, every view audited, no text in lists."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residents.models import CaseNote, EmergencyContact, Goal, Milestone, RecoveryPlan


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(RecoveryPlan)
class RecoveryPlanAdmin(TenantAdmin):
    list_display = ["pk", "stay", "updated_at"]
    raw_id_fields = ["stay"]


@admin.register(Goal)
class GoalAdmin(TenantAdmin):
    list_display = ["pk", "domain", "status"]
    list_filter = ["domain", "status"]
    raw_id_fields = ["plan"]
    inlines = [MilestoneInline]


@admin.register(CaseNote)
class CaseNoteAdmin(TenantAdmin):
    list_display = ["pk", "shared_with_resident", "created_at"]
    raw_id_fields = ["resident", "author"]


@admin.register(EmergencyContact)
class EmergencyContactAdmin(TenantAdmin):
    list_display = ["pk"]
    raw_id_fields = ["resident"]
