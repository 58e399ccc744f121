"""Routes for a resident's welcome page and sign-in, included under the `residents` namespace."""

from django.urls import path

from residents.welcome import views

urlpatterns = [
    path("new/", views.add_resident, name="add_resident"),
    path("<int:pk>/welcome/", views.welcome, name="welcome"),
    path("<int:pk>/welcome/invite/", views.invite, name="invite_resident"),
    path("<int:pk>/welcome/sheet/", views.welcome_sheet, name="welcome_sheet"),
    path("<int:pk>/sign-in/link/", views.link_sign_in, name="link_sign_in"),
    path("<int:pk>/sign-in/revoke/", views.revoke_sign_in, name="revoke_sign_in"),
]
