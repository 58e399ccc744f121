"""Django admin for phases: a home's phases can be corrected by support; a resident's steps, requests,
celebrations and alumni records are read-only there (they are part of the resident's record; views audited)."""

from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin, TenantAdmin
from residents.models import AdvanceRequest, Alumnus, Celebration, Phase, PhaseStep


@admin.register(Phase)
class PhaseAdmin(TenantAdmin):
    list_display = ["name", "residence", "position", "meetings_per_week", "may_mentor"]
    list_select_related = ["residence"]


@admin.register(PhaseStep)
class PhaseStepAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "stay", "phase", "started_on", "ended_on"]
    list_select_related = ["stay", "phase"]


@admin.register(AdvanceRequest)
class AdvanceRequestAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "stay", "to_phase", "status", "created_at"]
    list_select_related = ["stay", "to_phase"]


@admin.register(Celebration)
class CelebrationAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "stay", "kind", "on"]
    list_select_related = ["stay"]


@admin.register(Alumnus)
class AlumnusAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "since", "stay_connected", "willing_to_mentor"]
