"""App configuration for baseline."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaselineConfig(AppConfig):
    name = "inclusive_cities.baseline"
    label = "baseline"
    verbose_name = _("Baseline")

    def ready(self) -> None:
        from inclusive_cities.core.hooks import register_place_section
        from inclusive_cities.core.views import register_history_model

        from .sections import baseline_section

        register_history_model("baseline", "activity")
        register_place_section(baseline_section)
