"""App configuration for newcomers' languages on public pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicLanguagesConfig(AppConfig):
    name = "inclusive_cities.publiclanguages"
    label = "publiclanguages"
    verbose_name = _("Newcomers’ languages")

    def ready(self):
        from inclusive_cities.core.hooks import register_place_section
        from inclusive_cities.core.views import register_history_model

        from .sections import place_section

        for model in ("placelanguage", "plantranslation", "narrativetranslation"):
            register_history_model("publiclanguages", model)
        register_place_section(place_section)
