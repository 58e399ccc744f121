"""Django admin for the resident record: platform support only, every view audited."""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residents.profiles.models import Resident


@admin.register(Resident)
class ResidentAdmin(TenantAdmin):
    # Minimum necessary: the list shows no names; opening a record is audited.
    list_display = ["pk", "created_at"]
    raw_id_fields = ["user"]
