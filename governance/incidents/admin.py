"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (ReadOnlyTenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.incidents.models import Incident
from recovery.admin import ReadOnlyTenantAdmin


@admin.register(Incident)
class IncidentAdmin(ReadOnlyTenantAdmin):
    list_display = ("pk", "residence", "kind", "severity", "occurred_at", "resolved_at")
    list_filter = ("kind", "severity")
