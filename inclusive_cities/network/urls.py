"""URLs for the network."""

from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("places/", views.place_list, name="place_list"),
    path("places/<str:code>/", views.place_detail, name="place_detail"),
    path("network/", views.programme_list, name="programme_list"),
    path("network/programmes/<slug:code>/", views.programme_detail, name="programme_detail"),
    path("network/cohorts/<slug:code>/", views.cohort_detail, name="cohort_detail"),
    path("network/memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("network/report/", views.funder_report_page, name="funder_report"),
    path("network/report/report.csv", views.funder_report_csv, name="funder_report_csv"),
    path("network/report/report.pdf", views.funder_report_pdf, name="funder_report_pdf"),
    path("network/report/prepare/", views.funder_report_prepare, name="funder_report_prepare"),
    path("network/programmes/<slug:code>/cohorts/new/", views.cohort_create, name="cohort_create"),
    path("network/cohorts/<slug:code>/members/new/", views.membership_add, name="membership_add"),
    path("places/<str:code>/join/", views.place_join, name="place_join"),
    path("network/memberships/<int:pk>/leave/", views.membership_leave, name="membership_leave"),
    path("network/memberships/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
]
