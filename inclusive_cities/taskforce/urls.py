"""URLs for the taskforce, under a place."""

from django.urls import path

from . import views

app_name = "taskforce"
urlpatterns = [
    path("places/<str:code>/taskforce/", views.taskforce_home, name="home"),
    path("places/<str:code>/taskforce/coverage/", views.coverage, name="coverage"),
    path("places/<str:code>/taskforce/export.csv", views.export_csv, name="export"),
    path("places/<str:code>/taskforce/organisations/add/", views.organisation_form, name="organisation_add"),
    path("places/<str:code>/taskforce/organisations/<int:pk>/edit/", views.organisation_form, name="organisation_edit"),
    path(
        "places/<str:code>/taskforce/organisations/<int:pk>/remove/",
        views.organisation_remove,
        name="organisation_remove",
    ),
    path("places/<str:code>/taskforce/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("places/<str:code>/taskforce/members/add/", views.member_form, name="member_add"),
    path("places/<str:code>/taskforce/members/<int:pk>/edit/", views.member_form, name="member_edit"),
    path("places/<str:code>/taskforce/meetings/", views.meeting_list, name="meeting_list"),
    path("places/<str:code>/taskforce/meetings/add/", views.meeting_form, name="meeting_add"),
    path("places/<str:code>/taskforce/meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("places/<str:code>/taskforce/meetings/<int:pk>/edit/", views.meeting_form, name="meeting_edit"),
    path("network/taskforce-coverage/", views.network_coverage, name="network_coverage"),
]
