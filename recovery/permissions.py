"""Permission checks for views: a denial is audited and answered with the house-style 403 page."""

from functools import wraps

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from recovery.audit.recorder import record_denied


def require(request, permission: str, obj=None):
    """Raise PermissionDenied (after auditing it) unless the person holds `permission` (on `obj`)."""
    if not request.user.has_perm(permission, obj):
        record_denied(organization=request.organization, permission=permission, obj=obj)
        raise PermissionDenied(permission)


def member_required(view):
    """Signed in and belonging to an organization; otherwise to sign-in, or to the page that explains."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.membership is None:
            return redirect("recovery:no_organization")
        return view(request, *args, **kwargs)

    return wrapped


def permission_required(permission: str):
    """A member of the active organization who holds `permission` (checked without an object)."""

    def decorator(view):
        @member_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request, permission)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class PlatformStaffModelBackend(ModelBackend):
    """Django's model permissions (the admin's groups and user permissions) for platform staff only.

    Everyone else holds what their role's rules say (django-rules, the backend before this one) and nothing from the
    model permissions: Django admin, their only user, opens to staff alone. So for them a permission the rules refuse
    is refused here without the two queries Django's ModelBackend asks on every page that checks one (the top bar
    checks several). Signing in is unchanged (the parent's `authenticate`)."""

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_staff:
            return set()
        return super()._get_permissions(user_obj, obj, from_name)
