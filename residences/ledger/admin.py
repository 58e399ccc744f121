"""Django admin for the ledger, for platform support: read-only. Money moves only through the ledger's
services (a signed disclosure first; corrections as new entries), so the admin adds, changes and deletes
nothing. Lists show amounts and kinds, never the resident's name."""

from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin
from residences.models import FeeDisclosure, LedgerEntry, NonPaymentStep


class LedgerEntryAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "stay", "posted_on", "kind", "category", "amount", "balance_effect", "period_key"]
    list_filter = ["kind", "category", "method", "payer_kind"]
    list_select_related = ["stay"]
    date_hierarchy = "posted_on"


class FeeDisclosureAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "stay", "rent_amount", "rent_period", "prepared_at", "signed_at", "signed_in_person"]
    list_filter = ["rent_period", "signed_in_person"]
    list_select_related = ["stay"]


class NonPaymentStepAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "stay", "step", "overdue_since", "opened_on", "balance_at_step"]
    list_filter = ["step"]
    list_select_related = ["stay"]


admin.site.register(LedgerEntry, LedgerEntryAdmin)
admin.site.register(FeeDisclosure, FeeDisclosureAdmin)
admin.site.register(NonPaymentStep, NonPaymentStepAdmin)
