"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (ReadOnlyTenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.grievances.models import Grievance
from recovery.admin import ReadOnlyTenantAdmin


@admin.register(Grievance)
class GrievanceAdmin(ReadOnlyTenantAdmin):
    list_display = ("pk", "residence", "route", "response_due_on", "closed_at")
