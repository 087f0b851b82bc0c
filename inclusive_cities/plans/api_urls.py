"""Read API for published plans, mounted under /api/v1/."""

from django.urls import path

from .api import PlanList

urlpatterns = [path("plans/", PlanList.as_view(), name="plans-api-list")]
