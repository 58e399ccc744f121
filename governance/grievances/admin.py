"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.grievances.models import Grievance
from residents.reviews.admin import ReadOnlyTenantAdmin as TenantAdmin


@admin.register(Grievance)
class GrievanceAdmin(TenantAdmin):
    list_display = ("pk", "residence", "route", "response_due_on", "closed_at")
