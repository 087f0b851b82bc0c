"""Read API for the evidence base, mounted under /api/v1/."""

from django.urls import path

from .api import EvidenceSearchView

app_name = "evidence_api"
urlpatterns = [path("evidence/search/", EvidenceSearchView.as_view(), name="search")]
