from django.urls import path

from recovery.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.endpoint_list, name="endpoint_list"),
    path("add/", views.endpoint_add, name="endpoint_add"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint_detail"),
    path("<int:pk>/edit/", views.endpoint_edit, name="endpoint_edit"),
    path("<int:pk>/disable/", views.endpoint_disable, name="endpoint_disable"),
    path("<int:pk>/enable/", views.endpoint_enable, name="endpoint_enable"),
    path("<int:pk>/rotate-secret/", views.endpoint_rotate_secret, name="endpoint_rotate_secret"),
    path("<int:pk>/test/", views.endpoint_test, name="endpoint_test"),
]
