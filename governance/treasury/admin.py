"""Django admin for passes, chores and the treasury, for platform support: read-only lists without names
(TenantAdmin audits each opening). Importing this module registers them."""

from django.contrib import admin

from governance.treasury.models import TreasuryAudit, TreasuryExpense
from recovery.admin import ReadOnlyTenantAdmin


@admin.register(TreasuryExpense)
class TreasuryExpenseAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "spent_on", "amount"]
    raw_id_fields = ["residence", "paid_by", "recorded_by"]


@admin.register(TreasuryAudit)
class TreasuryAuditAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "residence", "month", "completed_at"]
    raw_id_fields = ["residence", "first_signer", "second_signer"]
