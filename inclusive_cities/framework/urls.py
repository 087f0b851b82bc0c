"""URLs for the framework."""

from django.urls import path

from . import views

app_name = "framework"
urlpatterns = [
    path("framework/", views.index, name="index"),
    path("framework/versions/", views.version_list, name="version_list"),
    path("framework/versions/new/", views.draft_create, name="draft_create"),
    path("framework/versions/<str:version>/", views.version_detail, name="version_detail"),
    path("framework/versions/<str:version>/changes/", views.changes, name="changes"),
    path("framework/versions/<str:version>/publish/", views.publish, name="publish"),
    path("framework/versions/<str:version>/discard/", views.discard, name="discard"),
    path("framework/versions/<str:version>/themes/<str:code>/", views.theme_detail, name="theme_detail"),
    path("framework/versions/<str:version>/themes/<str:code>/edit/", views.theme_edit, name="theme_edit"),
    path("framework/versions/<str:version>/themes/<str:code>/goals/new/", views.goal_add, name="goal_add"),
    path("framework/versions/<str:version>/principles/<str:code>/edit/", views.principle_edit, name="principle_edit"),
    path("framework/versions/<str:version>/goals/<str:code>/edit/", views.goal_edit, name="goal_edit"),
]
