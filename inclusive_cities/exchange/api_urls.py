"""Read API for convenings, mounted under /api/v1/."""

from django.urls import path

from .api import ConveningList

urlpatterns = [path("convenings/", ConveningList.as_view(), name="convenings-api-list")]
