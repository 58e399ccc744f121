"""Django admin for passes, chores and the treasury, for platform support: read-only lists without names
(TenantAdmin audits each opening). Importing this module registers them."""

from django.contrib import admin

from governance.chore_models import Chore, ChoreAssignment, ChoreWeek
from governance.pass_models import Pass, SignOut
from governance.treasury_models import TreasuryAudit, TreasuryExpense
from recovery.admin import TenantAdmin


class ReadOnlyTenantAdmin(TenantAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Pass)
class PassAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "kind", "status", "leaves_at", "returns_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["stay", "residence", "decided_by"]


@admin.register(SignOut)
class SignOutAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "out_at", "due_back_at", "back_at"]
    raw_id_fields = ["stay", "residence", "on_pass", "signed_out_by", "signed_back_by"]


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


@admin.register(TreasuryExpense)
class TreasuryExpenseAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "spent_on", "amount"]
    raw_id_fields = ["residence", "paid_by", "recorded_by"]


@admin.register(TreasuryAudit)
class TreasuryAuditAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "month", "completed_at"]
    raw_id_fields = ["residence", "first_signer", "second_signer"]
