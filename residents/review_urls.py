"""Progress reviews, BARC-10 and plans; included under the `residents` namespace at "residents/"."""

from django.urls import path

from residents import review_views as views

urlpatterns = [
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:resident_pk>/barc10/", views.barc10_history, name="barc10_history"),
    path("<int:resident_pk>/barc10/new/", views.barc10_new, name="barc10_new"),
    path("<int:resident_pk>/safety-plan/", views.safety_plan, name="safety_plan"),
    path("<int:resident_pk>/medications/", views.medications, name="medications"),
    path("medications/<int:pk>/log/", views.mat_log, name="mat_log"),
    path("me/barc10/", views.my_barc10, name="my_barc10"),
    path("me/safety-plan/", views.my_safety_plan, name="my_safety_plan"),
    path("me/self-care/", views.self_care_plan, name="self_care_plan"),
    path("me/reviews/", views.my_reviews, name="my_reviews"),
]
