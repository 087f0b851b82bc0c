"""Top-level URLs: each domain app brings its own `urls.py` (and `api_urls.py` for the read API)."""

from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
]
for app in settings.DOMAIN_APPS:
    if find_spec(f"{app}.api_urls"):
        urlpatterns.append(path("api/v1/", include(f"{app}.api_urls")))
    if find_spec(f"{app}.urls"):
        urlpatterns.append(path("", include(f"{app}.urls")))

handler404 = "inclusive_cities.core.views.not_found"
handler403 = "inclusive_cities.core.views.forbidden"
handler500 = "inclusive_cities.core.views.server_error"
