"""Django admin for passes, chores and the treasury, for platform support: read-only lists without names
(TenantAdmin audits each opening). Importing this module registers them."""

from django.contrib import admin

from governance.passes.models import Pass, SignOut
from recovery.admin import ReadOnlyTenantAdmin


@admin.register(Pass)
class PassAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "kind", "status", "leaves_at", "returns_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["stay", "residence", "decided_by"]


@admin.register(SignOut)
class SignOutAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "out_at", "due_back_at", "back_at"]
    raw_id_fields = ["stay", "residence", "on_pass", "signed_out_by", "signed_back_by"]
