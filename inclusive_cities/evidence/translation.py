"""A case study's title and summary in English and Welsh (django-modeltranslation; docs/translation.md)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import CaseStudy


@register(CaseStudy)
class CaseStudyTranslation(TranslationOptions):
    fields = ("title", "summary")


# Audit history (django-simple-history) after the translated fields exist, so the history records the English and
# the Welsh (the pairing simple-history documents for django-modeltranslation).
simple_history.register(CaseStudy, excluded_fields=["embedding"])
