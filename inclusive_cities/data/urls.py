"""URLs for local data. Part B's public profile and map pages come from views_profile; part A adds the catalogue
and import pages (views) here."""

from django.urls import path

from . import views_profile

app_name = "data"
urlpatterns = [
    path("places/<str:code>/data/", views_profile.place_profile, name="place_profile"),
    path("places/<str:code>/data/<slug:chart_id>.csv", views_profile.profile_chart_csv, name="profile_chart_csv"),
    path("data/map/", views_profile.map_view, name="map"),
]
