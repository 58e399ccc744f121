"""Hearth's URLs. Platform pages live under the `recovery` namespace; each domain app brings its own."""

from django.contrib import admin
from django.urls import include, path

from recovery import languages, views

platform_patterns = (
    [
        path("organizations/none/", views.no_organization, name="no_organization"),
        path("organizations/new/", views.create_organization, name="create_organization"),
        path("organizations/switch/", views.switch_organization, name="switch_organization"),
        path("organization/settings/", views.organization_settings, name="organization_settings"),
        path("organization/members/", views.members, name="members"),
        path("organization/members/<int:pk>/", views.member_edit, name="member_edit"),
        path("organization/invitations/", views.invitations, name="invitations"),
        path("organization/invitations/<int:pk>/revoke/", views.revoke_invitation, name="revoke_invitation"),
        path("organization/audit/", views.audit_log, name="audit_log"),
        path("", include("recovery.api.token_urls")),  # a person's API tokens
        path("invitations/code/", views.invitation_code, name="invitation_code"),
        path("invitations/code/accept/", views.code_invitation, name="code_invitation"),
        path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    ],
    "recovery",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("recovery.offline.urls")),  # the manifest, the service worker and the offline page
    path("language/", languages.choose_language, name="choose_language"),
    path("", include(platform_patterns)),
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("recovery.notifications.urls")),
    path("organization/webhooks/", include("recovery.webhooks.urls")),
    path("", include("residences.urls")),
    path("residents/", include("residents.urls")),
    path("peer-support/", include("peer_support.urls")),
    path("house/", include("governance.urls")),
    path("", include("residences.public.urls")),  # the public application form and free beds: no sign-in
    path("api/", include("recovery.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "recovery.views.permission_denied"
handler404 = "recovery.views.page_not_found"
handler500 = "recovery.views.server_error"
