"""URLs for newcomers' languages: the translated public pages beside the originals, and the place's languages."""

from django.urls import path

from . import views

app_name = "publiclanguages"
M = "places/<str:code>/languages/"
urlpatterns = [
    path("places/<str:code>/plans/<int:pk>/in/<str:lang>/", views.plan_page, name="plan"),
    path("places/<str:code>/narrative/in/<str:lang>/", views.narrative_page, name="narrative"),
    path(M, views.manage, name="manage"),
    path(M + "<str:lang>/plans/<int:pk>/", views.plan_translation_edit, name="plan_edit"),
    path(M + "<str:lang>/narrative/", views.narrative_translation_edit, name="narrative_edit"),
]
