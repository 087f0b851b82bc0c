"""URLs for the baseline, under a place."""

from django.urls import path

from . import views

app_name = "baseline"
urlpatterns = [
    path("places/<str:code>/baseline/", views.baseline_home, name="home"),
    path("places/<str:code>/baseline/export.csv", views.export_csv, name="export"),
    path("places/<str:code>/baseline/activities/add/", views.activity_form, name="activity_add"),
    path("places/<str:code>/baseline/activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("places/<str:code>/baseline/activities/<int:pk>/edit/", views.activity_form, name="activity_edit"),
    path("places/<str:code>/baseline/activities/<int:pk>/remove/", views.activity_remove, name="activity_remove"),
]
