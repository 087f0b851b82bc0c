"""URLs for self-assessment: place-scoped pages under /places/<code>/assessments/ and the network view."""

from django.urls import path

from . import views

app_name = "assessments"
base = "places/<str:code>/assessments/"
urlpatterns = [
    path(base, views.assessment_list, name="list"),
    path(base + "new/", views.assessment_create, name="create"),
    path(base + "<int:pk>/", views.assessment_detail, name="detail"),
    path(base + "<int:pk>/edit/", views.assessment_edit, name="edit"),
    path(base + "<int:pk>/answer/<str:key>/", views.answer_edit, name="answer"),
    path(base + "<int:pk>/check/", views.check_answers, name="check"),
    path(base + "<int:pk>/send/", views.assessment_send, name="send"),
    path(base + "<int:pk>/confirm/", views.assessment_confirm, name="confirm"),
    path(base + "<int:pk>/contributors/", views.contributor_invite, name="invite"),
    path(base + "<int:pk>/contribute/<str:goal_code>/", views.contribute, name="contribute"),
    path(base + "<int:pk>/contributions/<int:contribution_id>/", views.contribution_decide, name="decide"),
    path(base + "<int:pk>/gaps/<str:theme_code>/priority/", views.gap_to_priority, name="priority"),
    path(base + "<int:pk>/files/<int:answer_id>/", views.answer_file, name="file"),
    path(base + "<int:pk>/assessment.pdf", views.assessment_pdf, name="pdf"),
    path(base + "<int:pk>/assessment.csv", views.assessment_csv, name="csv"),
    path("network/assessments/", views.network_view, name="network"),
]
