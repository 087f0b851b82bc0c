"""App configuration for impact evaluation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "inclusive_cities.evaluation"
    label = "evaluation"
    verbose_name = _("Impact evaluation")

    def ready(self):
        from inclusive_cities.core.views import register_history_model

        from . import rules  # noqa: F401

        register_history_model("evaluation", "evaluation")
