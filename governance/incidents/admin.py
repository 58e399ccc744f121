"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.incidents.models import Incident
from residents.reviews.admin import ReadOnlyTenantAdmin as TenantAdmin


@admin.register(Incident)
class IncidentAdmin(TenantAdmin):
    list_display = ("pk", "residence", "kind", "severity", "occurred_at", "resolved_at")
    list_filter = ("kind", "severity")
