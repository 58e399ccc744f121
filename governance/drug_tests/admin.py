"""Django admin for accountability, for platform support: read-only, lists without names or details; opening a
record is audited (ReadOnlyTenantAdmin). Importing this module registers them."""

from django.contrib import admin

from governance.drug_tests.models import DrugTest, RandomDraw
from recovery.admin import ReadOnlyTenantAdmin


@admin.register(DrugTest)
class DrugTestAdmin(ReadOnlyTenantAdmin):
    list_display = ("pk", "residence", "kind", "reason", "due_on", "collected_at", "return_to_use")


@admin.register(RandomDraw)
class RandomDrawAdmin(ReadOnlyTenantAdmin):
    list_display = ("pk", "residence", "drawn_for", "rate_per_month")
