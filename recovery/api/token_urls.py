"""The tokens page's URLs, included among the platform's pages (namespace "recovery") by recovery/urls.py."""

from django.urls import path

from recovery.api import views

urlpatterns = [
    path("organization/api-tokens/", views.tokens, name="api_tokens"),
    path("organization/api-tokens/everyone/", views.organization_tokens, name="api_tokens_everyone"),
    path("organization/api-tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
