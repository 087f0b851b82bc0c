"""App configuration for home: each person's home page and the facilitators' network dashboard."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "inclusive_cities.home"
    label = "home"
    verbose_name = _("Home")
