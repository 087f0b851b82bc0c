"""Content people write, in English and Welsh (issue 14; docs/translation.md).

django-modeltranslation adds `<field>_en` and `<field>_cy` beside each field registered in an app's `translation.py`
(the framework, plans, the narrative, case studies). English is the default and the fallback.

Three things to know, because modeltranslation reads and writes the plain field (`plan.title`) in the *active*
language:

- **Reading for a page**: `{% load content %}{% content plan "title" %}` shows the Welsh on a Welsh page where there
  is one; where there is none it shows the English marked `lang="en"` with a visible notice that the text is not yet
  available in Welsh (`shown()` below). On an English page it shows the English.
- **Writing**: services set `<field>_en` / `<field>_cy` by name, or write inside `writing_content()`, which makes
  English active for the write: then `title=` means the English, the original column keeps the English (raw SQL, the
  search index and the audit history read it) and a Welsh page's officer never writes English into the Welsh field.
- **Forms**: `WelshFieldsMixin` shows the English field (always the English, whatever the page's language) with an
  optional Welsh field beside it (`lang="cy"`), and hands both to the service as `<field>` and `<field>_cy`.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

WELSH = "cy"
ENGLISH = "en"
# The notice in Welsh, used until the catalogue has its own (reviewed) translation of NOTICE.
NOTICE = "This text is not yet available in Welsh"
NOTICE_CY = "Nid yw’r testun hwn ar gael yn Gymraeg eto"


def fields_of(model) -> tuple[str, ...]:
    """The fields of a model registered for translation (none when it is not registered)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()


def page_language() -> str:
    """ "cy" on a Welsh page, "en" on an English one."""
    return WELSH if (translation.get_language() or "").startswith(WELSH) else ENGLISH


@contextmanager
def writing_content():
    """Write translated models with English active: `title=` then means the English, and the original column (read
    by raw SQL, the search index and the audit history) keeps the English."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def welsh_values(obj, fields) -> dict:
    """The Welsh of these fields, to copy with the English (`{"title_cy": ...}`)."""
    return {f"{name}_{WELSH}": getattr(obj, f"{name}_{WELSH}") for name in fields}


def english(obj, name: str):
    return getattr(obj, f"{name}_{ENGLISH}", None) or getattr(obj, name, None) or ""


def welsh(obj, name: str):
    return getattr(obj, f"{name}_{WELSH}", None) or ""


@dataclass(frozen=True)
class Shown:
    """What a page shows for one field: the text, its language, and whether it fell back to English."""

    text: str
    lang: str
    fallback: bool

    @property
    def notice(self) -> str:
        return notice() if self.fallback else ""


def shown(obj, name: str, *, language: str | None = None) -> Shown:
    language = language or page_language()
    if language == WELSH:
        text = welsh(obj, name)
        if text:
            return Shown(text, WELSH, False)
        text = english(obj, name)
        return Shown(text, ENGLISH, bool(text))
    return Shown(english(obj, name), ENGLISH, False)


def notice() -> str:
    """'This text is not yet available in Welsh', in Welsh: the catalogue's translation once it has one."""
    text = gettext(NOTICE)
    return NOTICE_CY if text == NOTICE else text


class WelshFieldsMixin:
    """For a form where people write translated content: each field named in `welsh_fields` shows the English (never
    the active language's fallback) with `lang="en"`, and gets an optional `<field>_cy` beside it with `lang="cy"`.
    Call `add_welsh_fields(instance)` at the end of `__init__`. The cleaned data then holds `<field>` (the English)
    and `<field>_cy`; a service writes them inside `writing_content()` or by their `_en`/`_cy` names."""

    welsh_fields: tuple[str, ...] = ()

    def add_welsh_fields(self, instance=None) -> None:
        instance = instance if instance is not None else getattr(self, "instance", None)
        existing = instance is not None and instance.pk is not None
        order, added = [], {}
        for name, field in self.fields.items():
            order.append(name)
            if name not in self.welsh_fields:
                continue
            field.widget.attrs["lang"] = ENGLISH
            if existing and not self.is_bound:
                self.initial[name] = english(instance, name)
            cy = f"{name}_{WELSH}"
            label = str(field.label or name)
            added[cy] = forms.CharField(
                label=_("%(label)s in Welsh (optional)") % {"label": label},
                required=False,
                max_length=getattr(field, "max_length", None),
                widget=copy.deepcopy(field.widget),
                help_text=_("Leave it empty and Welsh pages show the English, saying it is not yet in Welsh."),
            )
            added[cy].widget.attrs["lang"] = WELSH
            if existing and not self.is_bound:
                self.initial[cy] = welsh(instance, name)
            order.append(cy)
        self.fields = {name: self.fields.get(name) or added[name] for name in order}

    def welsh_cleaned(self) -> dict:
        """`{"title_cy": ...}` for the Welsh fields of this form (empty text for none)."""
        return {
            f"{name}_{WELSH}": self.cleaned_data.get(f"{name}_{WELSH}", "") or ""
            for name in self.welsh_fields
            if f"{name}_{WELSH}" in self.fields
        }
