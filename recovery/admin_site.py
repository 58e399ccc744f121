"""The admin site for platform staff: it works across tenants, so it disables the tenant scope, and every
list, view and change in it is audited (changes by the tenant base, views by `TenantAdmin`).

Platform staff sign in through allauth, never Django's admin form, so the sign-in limits and the second-factor
stage apply (allauth's `secure_admin_login`); and no admin page opens for a session that did not pass a second
factor (issue 12, item 1).

Every admin registered on the site deletes through `recovery.audit.deletions` (`AuditedDeletes`, mixed in by
`register`, third-party admins included): a delete, single or "delete selected", writes one audit event for each
row it removes, the cascade included (issue 15, item 7).
"""

from functools import wraps
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.decorators import secure_admin_login
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django_scopes import scopes_disabled


def passed_second_factor(request) -> bool:
    """Whether this session passed a second factor, at sign-in or by re-authenticating since.

    allauth records every step a session completed (password, mfa, ...); an authenticator that merely exists
    does not count, since a session may have signed in before it was set up, or without the sign-in form at all.
    """
    return any(step.get("method") == "mfa" for step in get_authentication_records(request, request.user))


class AuditedDeletes:
    """A ModelAdmin's deletes, single and bulk, write one audit event per removed row, cascades included."""

    def delete_model(self, request, obj):
        from recovery.audit.deletions import delete_with_trail

        delete_with_trail([obj], origin=obj)

    def delete_queryset(self, request, queryset):
        from recovery.audit.deletions import delete_with_trail

        delete_with_trail(queryset, origin=queryset)


def with_audited_deletes(admin_class):
    """`admin_class` itself when it already deletes through the audit trail, else a subclass that does."""
    if issubclass(admin_class, AuditedDeletes):
        return admin_class
    return type(admin_class.__name__, (AuditedDeletes, admin_class), {"__module__": admin_class.__module__})


class HearthAdminSite(admin.AdminSite):
    site_header = "Hearth administration"
    site_title = "Hearth admin"
    index_title = "Platform administration"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register like Django, with every admin's deletes audited (`AuditedDeletes`), whoever wrote the admin."""
        super().register(model_or_iterable, with_audited_deletes(admin_class or admin.ModelAdmin), **options)

    def login(self, request, extra_context=None):
        """The admin's sign-in page is allauth's: a visitor is sent there (and back), signed-in platform staff to
        the index, anyone else signed in is refused. Django's own admin form is never shown or posted to."""
        return secure_admin_login(lambda request: redirect(f"{self.name}:index"))(request)

    def refuse_without_second_factor(self, request):
        """A redirect for platform staff whose session has not passed a second factor, or None to go on.

        Staff without an authenticator are sent to set one up; staff with one, whose session did not use it (it
        was set up after signing in), are asked for a code and come back. Signing out needs neither.
        """
        user = request.user
        if not (user.is_active and user.is_staff) or request.resolver_match.url_name == "logout":
            return None
        if not is_mfa_enabled(user):
            messages.warning(
                request,
                "Platform administration reaches every organization's records, so it needs a second sign-in step. "
                "Set up an authenticator app to continue.",
            )
            return redirect("mfa_activate_totp")
        if not passed_second_factor(request):
            messages.info(request, "Enter a code from your authenticator app to open platform administration.")
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
        return None

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def across_tenants(request, *args, **kwargs):
            refused = self.refuse_without_second_factor(request)
            if refused is not None:
                return refused
            with scopes_disabled():
                response = inner(request, *args, **kwargs)
                # Admin pages are TemplateResponses, rendered after the view returns; render them here, while
                # the scope is still disabled, or inlines and choice widgets would query outside it.
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                return response

        return across_tenants
