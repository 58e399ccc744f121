"""Django admin for progress reviews, BARC-10 and plans, for platform support: read-only, lists without names
or answers; opening a record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin
from residents.barc10.models import Barc10Assessment


class Barc10AssessmentAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "taken_on", "occasion", "total"]
    list_filter = ["occasion"]
    raw_id_fields = ["resident", "stay", "recorded_by"]


admin.site.register(Barc10Assessment, Barc10AssessmentAdmin)
