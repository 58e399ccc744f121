"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (ReadOnlyTenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.ladder.models import Violation
from recovery.admin import ReadOnlyTenantAdmin


@admin.register(Violation)
class ViolationAdmin(ReadOnlyTenantAdmin):
    list_display = ("pk", "residence", "step", "occurred_on", "appeal_status")
