"""Progress reviews; included under the `residents` namespace at "residents/"."""

from django.urls import path

from residents.reviews import views

urlpatterns = [
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("me/reviews/", views.my_reviews, name="my_reviews"),
]
