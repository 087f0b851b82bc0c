"""App configuration for self-assessment."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "inclusive_cities.assessments"
    label = "assessments"
    verbose_name = _("Self-assessment")

    def ready(self):
        from inclusive_cities.core.hooks import register_place_section
        from inclusive_cities.core.views import register_history_model

        from .sections import place_section

        for model in ["assessment", "answer", "contributionrequest", "contribution"]:
            register_history_model("assessments", model)
        register_place_section(place_section)
