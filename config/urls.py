"""Top-level URLs: each domain app brings its own `urls.py` (and `api_urls.py` for the read API)."""

from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from inclusive_cities.core.views import switch_language

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("language/<str:code>/", switch_language, name="switch_language"),
]
# The pages: English at their plain address, Welsh under /cy/ (inclusive_cities.core.language). The read API and
# the admin stay at one address.
pages = []
for app in settings.DOMAIN_APPS:
    if find_spec(f"{app}.api_urls"):
        urlpatterns.append(path("api/v1/", include(f"{app}.api_urls")))
    if find_spec(f"{app}.urls"):
        pages.append(path("", include(f"{app}.urls")))
urlpatterns += i18n_patterns(*pages, prefix_default_language=False)

handler404 = "inclusive_cities.core.views.not_found"
handler403 = "inclusive_cities.core.views.forbidden"
handler500 = "inclusive_cities.core.views.server_error"
