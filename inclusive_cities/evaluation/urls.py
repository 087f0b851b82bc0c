from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("evaluations/", views.evaluation_list, name="list"),
    path("evaluations/new/", views.evaluation_edit, name="new"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="detail"),
    path("evaluations/<int:pk>/edit/", views.evaluation_edit, name="edit"),
    path("evaluations/<int:pk>/register/", views.evaluation_register, name="register"),
    path("evaluations/<int:pk>/run/", views.evaluation_run, name="run"),
    path("evaluations/<int:pk>/visibility/", views.evaluation_visibility, name="visibility"),
    path("evaluations/<int:pk>/cite/", views.evaluation_cite, name="cite"),
    path("evaluations/<int:pk>/status/", views.result_status, name="status"),
    path("evaluations/<int:pk>/results/<int:result_id>/replication.zip", views.result_replication, name="replication"),
]
