"""URLs for local data. Part B's public profile and map pages come from views_profile; part A's catalogue and
import pages from views."""

from django.urls import path

from . import views, views_profile

app_name = "data"
urlpatterns = [
    path("places/<str:code>/data/", views_profile.place_profile, name="place_profile"),
    path("places/<str:code>/data/<slug:chart_id>.csv", views_profile.profile_chart_csv, name="profile_chart_csv"),
    path("data/map/", views_profile.map_view, name="map"),
    path("data/", views.index, name="index"),
    path("data/indicators/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("data/sources/<int:pk>/", views.source_detail, name="source"),
    path("data/imports/", views.import_list, name="import_list"),
    path("data/imports/new/", views.import_upload, name="import"),
    path("data/imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("data/imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("data/imports/<int:pk>/retry/", views.import_retry, name="import_retry"),
    path("data/imports/<int:pk>/rollback/", views.import_rollback, name="import_rollback"),
]
