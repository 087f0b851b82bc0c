"""App configuration for evidence base."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "inclusive_cities.evidence"
    label = "evidence"
    verbose_name = _("Evidence base")

    def ready(self) -> None:
        from inclusive_cities.core.hooks import register_place_section

        from .sections import evidence_section

        # Case studies are not registered for the place audit page: their `place` is the place they describe,
        # not the place that owns them, so the place-officer rule would show a draft's history to the wrong place.
        register_place_section(evidence_section)
