"""Template context shared by every page: the service navigation."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# Each entry shows only once its app provides the URL; the order is the order in the header.
NAVIGATION = [
    (_("Framework"), "framework:index"),
    (_("Places"), "network:place_list"),
    (_("Network"), "network:programme_list"),
    (_("Plans"), "plans:index"),
    (_("Evidence"), "evidence:index"),
    (_("Data"), "data:index"),
]


def navigation(request):
    items = []
    for label, name in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": request.path.startswith(url) and url != "/"})
    return {"service_navigation": items}
