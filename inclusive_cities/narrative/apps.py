"""App configuration for narrative of inclusion."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NarrativeConfig(AppConfig):
    name = "inclusive_cities.narrative"
    label = "narrative"
    verbose_name = _("Narrative of inclusion")

    def ready(self):
        from inclusive_cities.core.hooks import register_place_section
        from inclusive_cities.core.views import register_history_model

        from .sections import place_section

        register_history_model("narrative", "narrative")
        register_place_section(place_section)
