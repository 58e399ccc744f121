"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.ladder.models import Violation
from residents.reviews.admin import ReadOnlyTenantAdmin as TenantAdmin


@admin.register(Violation)
class ViolationAdmin(TenantAdmin):
    list_display = ("pk", "residence", "step", "occurred_on", "appeal_status")
