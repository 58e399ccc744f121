"""The API's URLs (namespace "api"): the router of every registered resource at /api/v1/, the OpenAPI schema at
/api/schema/ and its reference at /api/docs/. The router is built from the registry's "api_routes", filled by each
feature's `api.py` when its app is ready, so this module imports no feature."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from recovery.api import views
from recovery.registry import registry

app_name = "api"


class ApiRouter(DefaultRouter):
    include_format_suffixes = False  # one representation (JSON): no `.json` twins of every route


def build_router() -> ApiRouter:
    """A router with every registered `ApiRoute`, its ids matched as path converters (so the isolation suite sees
    them as object routes)."""
    router = ApiRouter(use_regex_path=False)
    for route in sorted(registry["api_routes"], key=lambda route: route.prefix):
        router.register(route.prefix, route.viewset, basename=route.basename)
    return router


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema: public, like the reference page (it describes the API, never data)."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []


class ReferenceView(SpectacularSwaggerSplitView):
    """Swagger UI from the vendored sidecar files, its start-up script a separate file (no inline script: CSP)."""

    template_name = "api/swagger_ui.html"
    authentication_classes = []
    permission_classes = []
    throttle_classes = []


urlpatterns = [
    path("", views.guide, name="guide"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", ReferenceView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(build_router().urls)),
]
