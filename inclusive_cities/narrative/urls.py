"""URLs for a place's narrative of inclusion."""

from django.urls import path

from . import views

app_name = "narrative"
urlpatterns = [
    path("places/<str:code>/narrative/", views.narrative_detail, name="detail"),
    path("places/<str:code>/narrative/edit/", views.narrative_edit, name="edit"),
    path("places/<str:code>/narrative/publish/", views.narrative_publish, name="publish"),
]
