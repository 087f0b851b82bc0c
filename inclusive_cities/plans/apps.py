"""App configuration for action plans."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "inclusive_cities.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from inclusive_cities.core.hooks import register_place_section
        from inclusive_cities.core.views import register_history_model

        from .sections import plans_section

        for model_name in (
            "actionplan",
            "priority",
            "action",
            "measure",
            "milestone",
            "progressupdate",
            "reviewcomment",
        ):
            register_history_model("plans", model_name)
        register_place_section(plans_section)
