"""The benchmark server's URLs: Hearth's own, plus the two yardstick pages (`governance.scale.views`). Only the
benchmark's settings (`bench_settings`) route here, so the yardsticks never exist on a real deployment."""

from django.urls import include, path

from governance.scale import views

urlpatterns = [
    path("bench/trivial/", views.trivial, name="bench_trivial"),
    path("bench/signed-in/", views.signed_in_trivial, name="bench_signed_in"),
    path("", include("recovery.urls")),
]

handler403 = "recovery.views.permission_denied"
handler404 = "recovery.views.page_not_found"
handler500 = "recovery.views.server_error"
