"""The admin site for platform staff: it works across tenants, so it disables the tenant scope, and every
list, view and change in it is audited (changes by the tenant base, views by `TenantAdmin`)."""

from functools import wraps

from django.contrib import admin
from django_scopes import scopes_disabled


class HearthAdminSite(admin.AdminSite):
    site_header = "Hearth administration"
    site_title = "Hearth admin"
    index_title = "Platform administration"

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def across_tenants(request, *args, **kwargs):
            with scopes_disabled():
                response = inner(request, *args, **kwargs)
                # Admin pages are TemplateResponses, rendered after the view returns; render them here, while
                # the scope is still disabled, or inlines and choice widgets would query outside it.
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                return response

        return across_tenants
