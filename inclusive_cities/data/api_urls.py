"""Read API for local data, mounted under /api/v1/."""

from django.urls import path

from . import api

app_name = "data_api"
urlpatterns = [
    path("places/", api.PlaceList.as_view(), name="places"),
    path("indicators/", api.IndicatorList.as_view(), name="indicators"),
    path("observations/", api.ObservationList.as_view(), name="observations"),
]
