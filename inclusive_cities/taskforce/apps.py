"""App configuration for taskforce."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforceConfig(AppConfig):
    name = "inclusive_cities.taskforce"
    label = "taskforce"
    verbose_name = _("Taskforce")

    def ready(self) -> None:
        from inclusive_cities.core.hooks import register_place_section
        from inclusive_cities.core.views import register_history_model

        from .sections import taskforce_section

        for model_name in ("organisation", "taskforcemember", "meeting"):
            register_history_model("taskforce", model_name)
        register_place_section(taskforce_section)
