"""Template context shared by every page: the service navigation."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# Each entry shows only once its app provides the URL, and only to people the named permission allows;
# the order is the order in the header.
NAVIGATION = [
    (_("Framework"), "framework:index", None),
    (_("Places"), "network:place_list", None),
    (_("Network"), "network:programme_list", None),
    (_("Network dashboard"), "home:network_dashboard", "home.view_network_dashboard"),
    (_("Plans"), "plans:index", None),
    (_("Evidence"), "evidence:index", None),
    (_("Data"), "data:index", None),
    (_("Evaluations"), "evaluation:list", None),
    (_("Invitations"), "accounts:invitation_list", "accounts.invite"),
]


def navigation(request):
    items = []
    for label, name, perm in NAVIGATION:
        if perm and not request.user.has_perm(perm):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": False})
    # one item is current: the longest URL the page sits under (/network/dashboard/ is not also "Network")
    current = max(
        (i for i in items if i["url"] != "/" and request.path.startswith(i["url"])),
        key=lambda i: len(i["url"]),
        default=None,
    )
    if current:
        current["active"] = True
    return {"service_navigation": items}


def languages(request):
    """The language switch and the `hreflang` alternates of the page (inclusive_cities.core.language)."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils.http import urlencode
    from django.utils.translation import get_language

    from .language import HREFLANG, NAMES, translated_path

    current = get_language()
    here = request.get_full_path()
    items = []
    for code, _name in settings.LANGUAGES:
        items.append(
            {
                "code": code,
                "hreflang": HREFLANG.get(code, code),
                "name": NAMES.get(code, code),
                "current": code == current,
                "switch_url": reverse("switch_language", args=[code]) + "?" + urlencode({"next": here}),
                "url": request.build_absolute_uri(translated_path(here, code)),
            }
        )
    return {"page_languages": items}
