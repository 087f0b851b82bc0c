"""App configuration for local data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataConfig(AppConfig):
    name = "inclusive_cities.data"
    label = "data"
    verbose_name = _("Local data")

    def ready(self):
        from inclusive_cities.core.hooks import register_place_section

        from .views_profile import place_section

        register_place_section(place_section)
