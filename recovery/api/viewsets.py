"""The base of every API endpoint: the one door through which an API request enters its organization.

`ApiViewSet` (a DRF `GenericViewSet`) authenticates (a token, or the browser's session with CSRF), then, for the
rest of the request, enters the organization's tenant scope (django-scopes), its clock and the audit actor, as
`TenantMiddleware` does for pages; checks the token's scope (reads need the resource named on the token, changes a
token that may write); looks objects up so that another organization's row answers 404 (and the probe is audited,
`recovery.lookups.found_or_404`) and this organization's row answers 403 unless `object_permission` (a `rules`
permission, the same the pages check) allows it; and writes the rows of resident data it returned to the audit
log as reads, under the token's person, exactly as a page's reads (`recovery.audit.reads`).

An endpoint lives in `<app>/<feature>/api.py`:

```
@api_route("residences")
class ResidenceViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    api_resource = "residences"
    object_permission = "residences.view_residence"
    serializer_class = ResidenceSerializer

    def get_queryset(self):
        return selectors.residences_for(self.membership)   # the pages' selector, knowing who asks
```
"""

import hashlib
import json
from contextlib import ExitStack
from operator import attrgetter

from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from rest_framework import exceptions, mixins, permissions, viewsets
from rest_framework.response import Response

from recovery.api.authentication import SessionAuthentication, TokenAuthentication
from recovery.api.errors import PreconditionFailed, PreconditionRequired
from recovery.api.models import ApiToken
from recovery.api.pagination import ApiPagination
from recovery.api.services import note_token_used
from recovery.api.throttling import ApiTokenThrottle
from recovery.audit.reads import note_loaded, shows_a_page, write_request_reads
from recovery.audit.recorder import acting_as, actor_from_request, current_actor, record_denied
from recovery.lookups import found_or_404
from recovery.permissions import require
from recovery.tenancy import tenant_scope

__all__ = [
    "ApiAccess",
    "ApiViewSet",
    "CreateModelMixin",
    "ETagMixin",
    "ListModelMixin",
    "RetrieveModelMixin",
    "etag_of",
]

ListModelMixin = mixins.ListModelMixin
CreateModelMixin = mixins.CreateModelMixin


class ApiAccess(permissions.BasePermission):
    """Signed in (token or session), a member of an organization, and, for a token: the view's resource on the
    token, and write access for anything but GET, HEAD and OPTIONS. Per object: the view's `object_permission`."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False  # DRF answers 401 with the token's WWW-Authenticate challenge
        if view.membership is None:
            raise exceptions.PermissionDenied("You belong to no organization yet, so there is nothing to reach here.")
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if token is not None:
            if view.api_resource not in token.resources:
                raise exceptions.PermissionDenied(f"This token may not use {view.api_resource}.")
            if request.method not in permissions.SAFE_METHODS and not token.can_write:
                raise exceptions.PermissionDenied("This token may only read.")
        return True

    def has_object_permission(self, request, view, obj):
        if not view.object_permission:
            return True
        target = attrgetter(view.checked_on)(obj) if view.checked_on else obj
        if request.user.has_perm(view.object_permission, target):
            return True
        record_denied(organization=view.organization, permission=view.object_permission, obj=target)
        return False


class ApiViewSet(viewsets.GenericViewSet):
    """See the module. Class attributes: `api_resource` (the token scope's resource name, required),
    `object_permission` (a rules permission checked on every object `get_object()` returns; "" for none), checked
    on the object at the attribute path `checked_on` ("room.residence", "stay") when the rule is written for it.
    Offers `self.organization` and `self.membership` (the person's membership, its role) once authenticated."""

    api_resource: str = ""
    object_permission: str = ""
    checked_on: str = ""
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [ApiAccess]
    pagination_class = ApiPagination
    throttle_classes = [ApiTokenThrottle]
    lookup_value_converter = "int"  # ids are numbers: "/residences/abc/" is not a route, so a 404 problem

    organization = None
    membership = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("_") and cls.__module__ != __name__ and not cls.api_resource:
            raise TypeError(f"{cls.__name__} must name its api_resource (the token scope it belongs to).")

    def dispatch(self, request, *args, **kwargs):
        with ExitStack() as stack:
            self._entered = stack
            try:
                response = super().dispatch(request, *args, **kwargs)
                self._write_reads(response)
            finally:
                if isinstance(getattr(getattr(self, "request", None), "_auth", None), ApiToken):
                    # The token's person was set on the page request for the lookups and the audit; the session
                    # middleware must not see them on the way out, or it would start a session for a token.
                    request.user = AnonymousUser()
            # Nothing the API answers is kept by a browser or a proxy (the pages' rule: PrivatePagesMiddleware).
            add_never_cache_headers(response)
            return response

    def perform_authentication(self, request):
        """Authenticate, then enter the organization: its tenant scope, its clock and the audit actor for the rest
        of the request (a session request has them from the middleware already; entering again is harmless)."""
        super().perform_authentication(request)
        user = request.user
        membership = getattr(user, "hearth_membership", None) if user and user.is_authenticated else None
        if membership is None:
            return
        self.membership, self.organization = membership, membership.organization
        page_request = request._request
        page_request.organization, page_request.membership = self.organization, membership
        self._entered.enter_context(tenant_scope(self.organization))
        self._entered.enter_context(timezone.override(self.organization.time_zone))
        self._entered.enter_context(acting_as(actor_from_request(page_request)))
        if isinstance(request.auth, ApiToken):
            note_token_used(token=request.auth)

    def _write_reads(self, response) -> None:
        """Write the rows of resident data this request loaded as reads, by the actor entered above, and mark them
        written so that the pages' middleware does not write them again under nobody."""
        if self.membership is not None and shows_a_page(response):
            write_request_reads(actor=current_actor())

    def get_object(self):
        """The object named by the URL among `get_queryset()`, or a 404 problem (another organization's row too:
        it is outside the scope, and the probe is audited); then a 403 unless `object_permission` allows it."""
        queryset = self.filter_queryset(self.get_queryset())
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        obj = found_or_404(self.request._request, queryset, **{self.lookup_field: self.kwargs[lookup_url_kwarg]})
        self.check_object_permissions(self.request, obj)
        return obj

    def require(self, permission: str, obj=None) -> None:
        """The pages' permission check (audited when refused), answered as a 403 problem."""
        require(self.request._request, permission, obj)

    def audit_read(self, rows) -> None:
        """Count `rows` (model instances, e.g. built without loading, or loaded before the request's collection)
        among this request's reads of resident data: written with the others when the request answers 2xx."""
        for row in rows:
            note_loaded(row)


def etag_of(data) -> str:
    """A strong ETag (quoted) of a representation (the serializer's data, a dict): equal data, equal tag."""
    text = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


class ETagMixin:
    """For a resource that can be changed: `GET` of one object answers an `ETag`; a change must send it back in
    `If-Match` (`check_if_match(obj)`): 412 when the object changed since (its ETag differs), 428 when the header
    is missing and `if_match_required` (the default). `If-Match: *` matches any current version."""

    if_match_required = True

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        data = self.get_serializer(obj).data
        return Response(data, headers={"ETag": etag_of(data)})

    def check_if_match(self, obj) -> None:
        wanted = self.request.headers.get("If-Match", "").strip()
        if not wanted:
            if self.if_match_required:
                raise PreconditionRequired()
            return
        if wanted == "*":
            return
        current = etag_of(self.get_serializer(obj).data)
        if current not in [tag.strip().removeprefix("W/") for tag in wanted.split(",")]:
            raise PreconditionFailed()


class RetrieveModelMixin(ETagMixin):
    """DRF's retrieve, answering an ETag (see ETagMixin) for endpoints whose objects can change; a read-only
    endpoint may use it too (the tag lets a client skip reading what it already has)."""

    if_match_required = True
