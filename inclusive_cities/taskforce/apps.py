"""App configuration for taskforce."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforceConfig(AppConfig):
    name = "inclusive_cities.taskforce"
    label = "taskforce"
    verbose_name = _("Taskforce")
