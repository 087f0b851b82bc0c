"""URLs for consultations, under the place: /places/<ONS code>/consultations/..."""

from django.urls import path

from . import views

app_name = "consultation"
C = "places/<str:code>/consultations/<int:pk>/"
urlpatterns = [
    path("places/<str:code>/consultations/new/<int:plan_pk>/", views.create, name="create"),
    path(C, views.detail, name="detail"),
    path(C + "answer/", views.answer, name="answer"),
    path(C + "thanks/", views.thanks, name="thanks"),
    path(C + "edit/", views.edit, name="edit"),
    path(C + "results/", views.results, name="results"),
    path(C + "moderate/", views.moderate, name="moderate"),
    path(C + "you-said-we-did/", views.outcomes, name="outcomes"),
]
