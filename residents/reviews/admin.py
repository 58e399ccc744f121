"""Django admin for progress reviews, BARC-10 and plans, for platform support: read-only, lists without names
or answers; opening a record is audited (TenantAdmin). Importing this module registers them."""

from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin
from residents.reviews.models import ProgressReview


class ProgressReviewAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "stay", "due_on", "completed_at", "reminded_at"]
    list_select_related = ["stay"]
    date_hierarchy = "due_on"
    raw_id_fields = ["stay", "reviewer"]


admin.site.register(ProgressReview, ProgressReviewAdmin)
