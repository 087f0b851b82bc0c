"""URLs for the evidence base."""

from django.urls import path

from . import views

app_name = "evidence"
PIN = "places/<str:code>/plans/<int:pk>/<slug:kind>/<int:item_pk>/evidence/"
urlpatterns = [
    path("evidence/", views.index, name="index"),
    path("evidence/standards-of-evidence/", views.standards, name="standards"),
    path("evidence/contribute/", views.contribute, name="contribute"),
    path("evidence/contributions/", views.contributions, name="contributions"),
    path("evidence/<slug:slug>/", views.detail, name="detail"),
    path("evidence/<slug:slug>/edit/", views.edit, name="edit"),
    path("evidence/<slug:slug>/submit/", views.submit, name="submit"),
    path("evidence/<slug:slug>/review/", views.review, name="review"),
    path("evidence/<slug:slug>/rating/", views.rating, name="rating"),
    path(PIN, views.pin_search, name="pins"),
    path(PIN + "add/", views.pin_add, name="pin_add"),
    path(PIN + "<int:pin_pk>/remove/", views.pin_remove, name="pin_remove"),
]
