"""Django admin for the platform core. Tenant-owned models use `TenantAdmin`: each row shows its organization,
lists filter by it, and every list and record view is audited (changes are audited by the tenant base).
`ReadOnlyTenantAdmin` is the same without add, change or delete, for records only services may write."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.models import Invitation, Membership, Organization, User


class TenantAdmin(admin.ModelAdmin):
    """The base for every tenant-owned model's admin, in this app and the domain apps."""

    def get_list_display(self, request):
        return ("organization", *super().get_list_display(request))

    def get_list_filter(self, request):
        return ("organization", *super().get_list_filter(request))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")

    def changelist_view(self, request, extra_context=None):
        recorder.record(AuditEvent.Action.VIEW, detail=f"admin list of {self.model._meta.label_lower}")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                recorder.record(AuditEvent.Action.VIEW, obj=obj, detail="admin")
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyTenantAdmin(TenantAdmin):
    """A tenant admin that only shows: records whose changes must go through a feature's services (the ledger,
    consents, votes, accountability) are added, changed and deleted nowhere in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "time_zone", "is_part2_program", "require_mfa_for_staff"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        from recovery.services import update_organization

        if change:
            update_organization(organization=obj, changed_fields=form.changed_data, by=request.user)
        else:
            super().save_model(request, obj, form, change)
            recorder.record(AuditEvent.Action.CREATE, obj=obj, organization=obj)


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    list_display = ["user", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(TenantAdmin):
    list_display = ["email", "role", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, in the admin as everywhere."""

    list_display = ["created_at", "organization", "actor", "actor_kind", "action", "object_type", "object_id"]
    list_filter = ["organization", "action", "actor_kind"]
    search_fields = ["object_type", "object_id"]
    list_select_related = ["organization", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
