"""The narrative's words in English and Welsh (django-modeltranslation; docs/translation.md)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Narrative


@register(Narrative)
class NarrativeTranslation(TranslationOptions):
    fields = ("campaign_name", "statement", "defensive_notes", "channels")


# Audit history (django-simple-history) after the translated fields exist, so the history records the English and
# the Welsh (the pairing simple-history documents for django-modeltranslation).
simple_history.register(Narrative)
