"""App configuration for exchange: peer learning across the network."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "inclusive_cities.exchange"
    label = "exchange"
    verbose_name = _("Peer learning")

    def ready(self) -> None:
        from inclusive_cities.core.hooks import register_place_section
        from inclusive_cities.core.views import register_history_model

        from .sections import exchange_section

        for model_name in (
            "convening",
            "partnership",
            "post",
            "survey",
            "learningreport",
            "learningreportsection",
            "barrier",
            "position",
        ):
            register_history_model("exchange", model_name)
        register_place_section(exchange_section)
