"""URLs for the home pages."""

from django.urls import path

from . import views

app_name = "home"
urlpatterns = [
    path("home/", views.home, name="home"),
    path("network/dashboard/", views.network_dashboard, name="network_dashboard"),
]
