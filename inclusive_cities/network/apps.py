"""App configuration for network."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "inclusive_cities.network"
    label = "network"
    verbose_name = _("Network")
