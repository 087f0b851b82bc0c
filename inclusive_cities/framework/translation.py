"""The framework's words in English and Welsh (django-modeltranslation; docs/translation.md). Codes stay as they are."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Principle, Theme


@register(Principle)
class PrincipleTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description", "what_good_looks_like")


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description", "maturity_levels")


# Audit history (django-simple-history) after the translated fields exist, so the history records the English and
# the Welsh (the pairing simple-history documents for django-modeltranslation).
simple_history.register(Principle)
simple_history.register(Theme)
simple_history.register(Goal)
