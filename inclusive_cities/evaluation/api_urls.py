"""Read API for evaluations, mounted under /api/v1/."""

from django.urls import path

from .api import EvaluationListView

app_name = "evaluation_api"
urlpatterns = [path("evaluations/", EvaluationListView.as_view(), name="list")]
