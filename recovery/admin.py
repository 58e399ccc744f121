"""Django admin for the platform core. Tenant-owned models use `TenantAdmin`: each row shows its organization,
lists filter by it, and every list and record view is audited (changes are audited by the tenant base); no list
filters by a secret vote's tally or choice, and a record's page hides them while the vote is open.
`ReadOnlyTenantAdmin` is the same without add, change or delete, for records only services may write.

People are deactivated, not deleted (issue 15, item 7): the user admin's "deactivate" action ends a person's
memberships and sessions, and deleting an account that reached any tenant data is refused with a sentence saying
so; memberships are ended, never deleted. Every delete the admin does make is audited row by row, cascades included
(`recovery.admin_site.AuditedDeletes`)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.models import Invitation, Membership, Organization, User
from recovery.registry import registry
from recovery.services import LastAdministrator, change_membership, deactivate_person, tenant_rows_reached
from recovery.tenancy import tenant_scope


def secret_field_reached(model, lookup: str) -> str | None:
    """The secret field ("app.model.field", registry "secret_fields") that the filter `lookup` on `model` reads,
    directly or through relations (`yes_count__gte`, `motions__yes_count`), or None when it reads none."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None  # the rest is a transform or lookup (`__gte`), or a name Django ignores
        for secret in registry["secret_fields"]:
            if issubclass(model, secret.model) and field.name in secret.fields:
                return f"{model._meta.label_lower}.{field.name}"
        if not field.is_relation or field.related_model is None:
            return None
        model = field.related_model
    return None


def sealed_fields(row) -> frozenset[str]:
    """The fields of `row` that hold a secret vote's tally or choice and must stay hidden now (see `secret_fields`
    in recovery.registry); none for a row of a model without secrets, or for no row."""
    if row is None:
        return frozenset()
    return frozenset(
        name
        for secret in registry["secret_fields"]
        if isinstance(row, secret.model) and secret.sealed(row)
        for name in secret.fields
    )


def _without(fieldsets, hidden: frozenset[str]) -> list:
    """`fieldsets` less the `hidden` field names, also where several fields share a line."""
    kept = []
    for title, options in fieldsets:
        fields = []
        for entry in options.get("fields", ()):
            if isinstance(entry, list | tuple):
                line = tuple(name for name in entry if name not in hidden)
                fields.extend([line] if line else [])
            elif entry not in hidden:
                fields.append(entry)
        kept.append((title, {**options, "fields": fields}))
    return kept


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

    def lookup_allowed(self, lookup, value, request=None):
        """Refuse a filter that reads a secret vote's tally or choice, open or closed (a list mixes both, and
        `?yes_count=1` tells how a vote is going); Django answers 400, and the attempt is audited."""
        secret = secret_field_reached(self.model, lookup)
        if secret is not None:
            recorder.record_denied(permission=f"admin filter on {secret}")
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_fieldsets(self, request, obj=None):
        """A record's page leaves out the fields that hold a secret vote's tally or choice while it is open."""
        fieldsets = super().get_fieldsets(request, obj)
        hidden = sealed_fields(obj)
        return _without(fieldsets, hidden) if hidden else fieldsets


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
    actions = ["deactivate_people"]

    @admin.action(description="Deactivate the selected people (end their memberships and sessions)")
    def deactivate_people(self, request, queryset):
        done = 0
        for user in queryset:
            try:
                deactivate_person(user=user)
            except LastAdministrator as refused:
                self.message_user(request, f"Account {user.pk}: {refused}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request, f"Deactivated {done} account(s): they can no longer sign in; their records stay."
            )

    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete removes, with a refusal added when an account reached tenant data: such
        a person is deactivated instead (their records, votes and audit trail must keep naming them)."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        reached = tenant_rows_reached(objs)
        if reached:
            summary = ", ".join(f"{count} {name}" for name, count in sorted(reached.items()))
            refusal = (
                f"Records in an organization ({summary}): people who took part are deactivated, not deleted. "
                'Use the "Deactivate" action instead.'
            )
            # Shown as the refusal, not as a missing permission (Django's page shows only the first it has).
            perms_needed, protected = set(), [refusal, *protected]
        return deleted, model_count, perms_needed, protected


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
    actions = ["end_memberships"]

    def has_delete_permission(self, request, obj=None):
        """A membership is ended (`is_active` off), never deleted: the records a person wrote name it."""
        return False

    @admin.action(description="End the selected memberships (the person keeps their account)")
    def end_memberships(self, request, queryset):
        ended = 0
        for membership in queryset.select_related("organization"):
            with tenant_scope(membership.organization):
                try:
                    change_membership(membership=membership, role=membership.role, is_active=False)
                except LastAdministrator as refused:
                    self.message_user(request, f"Membership {membership.pk}: {refused}", messages.ERROR)
                else:
                    ended += 1
        if ended:
            self.message_user(request, f"Ended {ended} membership(s).")


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
