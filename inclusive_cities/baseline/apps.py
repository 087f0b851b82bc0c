"""App configuration for baseline."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaselineConfig(AppConfig):
    name = "inclusive_cities.baseline"
    label = "baseline"
    verbose_name = _("Baseline")
