"""App configuration for narrative of inclusion."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NarrativeConfig(AppConfig):
    name = "inclusive_cities.narrative"
    label = "narrative"
    verbose_name = _("Narrative of inclusion")
