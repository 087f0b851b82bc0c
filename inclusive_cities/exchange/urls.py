"""URLs for peer learning, under /network/."""

from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("network/learning/", views.home, name="home"),
    path("network/convenings/", views.convening_list, name="convening_list"),
    path("network/convenings/new/", views.convening_edit, name="convening_add"),
    path("network/convenings/<int:pk>/", views.convening_detail, name="convening_detail"),
    path("network/convenings/<int:pk>/edit/", views.convening_edit, name="convening_edit"),
    path(
        "network/convenings/<int:pk>/add/<str:item>/",
        views.convening_add_item,
        name="convening_add_item",
    ),
    path("network/partnerships/", views.partnership_list, name="partnership_list"),
    path("network/partnerships/propose/", views.partnership_propose, name="partnership_propose"),
    path("network/partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("network/discussions/", views.thread_list, name="thread_list"),
    path("network/discussions/<int:pk>/", views.thread_detail, name="thread_detail"),
    path("network/discussions/posts/<int:pk>/<str:action>/", views.post_action, name="post_action"),
    path("network/surveys/", views.survey_list, name="survey_list"),
    path("network/surveys/<int:pk>/", views.survey_detail, name="survey_detail"),
    path("network/surveys/<int:pk>/answer/<str:key>/", views.survey_answer, name="survey_answer"),
    path("network/surveys/<int:pk>/results/", views.survey_results_view, name="survey_results"),
    path("network/surveys/<int:pk>/results.csv", views.survey_results_csv, name="survey_results_csv"),
    path("network/surveys/<int:pk>/review/", views.survey_review, name="survey_review"),
    path("network/reports/", views.report_list, name="report_list"),
    path("network/reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("network/reports/<int:pk>/sections/<int:section_pk>/", views.report_section_edit, name="report_section_edit"),
    path("network/reports/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("network/advocacy/", views.barrier_list, name="barrier_list"),
    path("network/advocacy/barriers/new/", views.barrier_edit, name="barrier_add"),
    path("network/advocacy/barriers/<int:pk>/", views.barrier_detail, name="barrier_detail"),
    path("network/advocacy/barriers/<int:pk>/edit/", views.barrier_edit, name="barrier_edit"),
    path("network/advocacy/positions/new/", views.position_start, name="position_add"),
    path("network/advocacy/positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("network/advocacy/positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("network/advocacy/positions/<int:pk>/position.pdf", views.position_pdf, name="position_pdf"),
]
