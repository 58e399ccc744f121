"""Django admin for applications and their notes (imported by residences/admin.py). Tenant-aware and audited
through `TenantAdmin`; list columns name no applicant, so a platform admin's list shows no personal data until
they open a record (which is audited).

Links to other tenant rows (home, resident, application) are read-only: the admin renders its page after the
view's tenant-scope-free block has ended, so a widget that queried them then would meet the scope guard, and
moving a row between tenants' records is not a support task anyway.
"""

from django.contrib import admin

from recovery.admin import TenantAdmin
from residences.models import Application, ApplicationNote


@admin.register(Application)
class ApplicationAdmin(TenantAdmin):
    list_display = ["__str__", "status", "priority", "residence", "house_consulted", "submitted_at"]
    list_filter = ["status", "priority", "house_consulted"]
    list_select_related = ["organization", "residence"]
    readonly_fields = ["residence", "resident", "submitted_at", "updated_at"]


@admin.register(ApplicationNote)
class ApplicationNoteAdmin(TenantAdmin):
    list_display = ["__str__", "application", "created_at"]
    list_select_related = ["organization", "application"]
    readonly_fields = ["application", "author", "created_at"]
