"""Passes and sign-outs, under the `governance` namespace at "house/"."""

from django.urls import path

from governance.passes import views

urlpatterns = [
    path("passes/", views.my_passes, name="pass_mine"),
    path("passes/sign-out/", views.sign_me_out, name="pass_sign_out"),
    path("passes/sign-outs/<int:pk>/back/", views.sign_back_in, name="pass_sign_back"),
    path("passes/home/<int:residence_pk>/", views.house_passes, name="pass_house"),
    path("passes/<int:pk>/decide/", views.decide_pass, name="pass_decide"),
]
