"""Django admin for passes, chores and the treasury, for platform support: read-only lists without names
(TenantAdmin audits each opening). Importing this module registers them."""

from django.contrib import admin

from governance.chores.models import Chore, ChoreAssignment, ChoreWeek
from recovery.admin import ReadOnlyTenantAdmin


@admin.register(Chore)
class ChoreAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "name", "frequency", "active"]
    raw_id_fields = ["residence"]


@admin.register(ChoreWeek)
class ChoreWeekAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "week_of", "turn"]
    raw_id_fields = ["residence"]


@admin.register(ChoreAssignment)
class ChoreAssignmentAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "week", "chore", "done_at", "checked_at", "missed_at"]
    raw_id_fields = ["week", "chore", "resident", "checked_by", "missed_by"]
