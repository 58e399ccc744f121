"""Routes for residents and their recovery plans, included under the `residents` namespace at "residents/"."""

from django.urls import path

from residents.plans import views

urlpatterns = [
    path("", views.resident_list, name="resident_list"),
    path("<int:pk>/", views.resident_detail, name="resident_detail"),
    path("<int:pk>/edit/", views.resident_edit, name="resident_edit"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/plan/goals/new/", views.goal_new, name="goal_new"),
    path("<int:pk>/case-notes/", views.case_notes, name="case_notes"),
    path("goals/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/milestones/new/", views.milestone_new, name="milestone_new"),
    path("goals/<int:pk>/resources/new/", views.resource_new, name="resource_new"),
    path("goals/<int:pk>/comments/", views.goal_comment, name="goal_comment"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("my/plan/", views.my_plan, name="my_plan"),
    path("my/progress/", views.my_progress, name="my_progress"),
]
