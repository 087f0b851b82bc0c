"""App configuration for consultation: residents' views on a plan in review."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "inclusive_cities.consultation"
    label = "consultation"
    verbose_name = _("Consultation")

    def ready(self) -> None:
        from inclusive_cities.core.hooks import register_place_section
        from inclusive_cities.core.views import register_history_model

        from . import rules  # noqa: F401
        from .sections import consultation_section

        # The consultation and its "you said, we did" record have an audit history; the answers never do (a history
        # row would record who saved it and when, which would undo their anonymity).
        register_history_model("consultation", "consultation")
        register_history_model("consultation", "outcome")
        register_place_section(consultation_section)
