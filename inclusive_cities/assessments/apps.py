"""App configuration for self-assessment."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "inclusive_cities.assessments"
    label = "assessments"
    verbose_name = _("Self-assessment")
