"""A plan's words people read, in English and Welsh (django-modeltranslation; docs/translation.md)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Action, ActionPlan, Priority


@register(ActionPlan)
class ActionPlanTranslation(TranslationOptions):
    fields = ("title", "vision")


@register(Priority)
class PriorityTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "description", "success_criteria")


# Audit history (django-simple-history) after the translated fields exist, so the history records the English and
# the Welsh (the pairing simple-history documents for django-modeltranslation).
simple_history.register(ActionPlan)
simple_history.register(Priority)
simple_history.register(Action)
