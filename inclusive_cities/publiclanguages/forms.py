"""Forms for choosing a place's languages and entering translations. The rules live in services.py; these forms
only gather the fields (each translated field typed in the language's own direction)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.widgets import DateInput

from .languages import CHOICES
from .models import STATEMENT_MAX, TITLE_MAX, TRANSLATOR_MAX, VISION_MAX


class LanguagesForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=_("Further languages for this place’s public pages"),
        choices=CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” is not a language on the list.")},
    )


def _hint(english: str) -> str:
    return _("English original: %(text)s") % {"text": english}


def _typed_in(language, widget):
    """The widget's text is typed and shown in the language and its direction."""
    widget.attrs.update({"lang": language.tag, "dir": language.direction, "spellcheck": "true"})
    return widget


class CreditForm(forms.Form):
    translator = forms.CharField(
        label=_("Translated by"),
        help_text=_("The translator’s name, or the organisation that translated it."),
        max_length=TRANSLATOR_MAX,
        required=False,
    )
    translated_on = forms.DateField(
        label=_("Date it was translated"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter the date it was translated as a real date.")},
    )

    # Emptiness and lengths are checked once, in the service, with messages naming the field.
    def credit_kwargs(self) -> dict:
        return {"translator": self.cleaned_data["translator"], "translated_on": self.cleaned_data["translated_on"]}


class PlanTranslationForm(CreditForm):
    def __init__(self, *args, language, source: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.source = source
        fields = {
            "title": forms.CharField(
                label=_("Title"),
                required=False,
                max_length=TITLE_MAX * 4,
                widget=_typed_in(language, forms.TextInput()),
            )
        }
        if source.get("vision"):
            fields["vision"] = forms.CharField(
                label=_("Vision"),
                required=False,
                max_length=VISION_MAX * 2,
                widget=_typed_in(language, forms.Textarea(attrs={"rows": 6})),
            )
        for i, _english in enumerate(source.get("priorities", []), start=1):
            fields[f"priority_{i}"] = forms.CharField(
                label=_("Priority %(n)s") % {"n": i},
                required=False,
                max_length=TITLE_MAX * 4,
                widget=_typed_in(language, forms.TextInput()),
            )
        # The translated fields first, then who translated it and when.
        self.fields = {**fields, **self.fields}

    def rows(self):
        """(hint with the English original, bound field) pairs, in order, for the template."""
        rows = [(_hint(self.source["title"]), self["title"])]
        if "vision" in self.fields:
            rows.append((_hint(self.source["vision"]), self["vision"]))
        rows += [
            (_hint(english), self[f"priority_{i}"]) for i, english in enumerate(self.source["priorities"], start=1)
        ]
        return rows

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "vision": data.get("vision", ""),
            "priorities": [data[f"priority_{i}"] for i in range(1, len(self.source["priorities"]) + 1)],
            **self.credit_kwargs(),
        }

    @staticmethod
    def initial_from(translation, source: dict) -> dict:
        """Prefill from an earlier translation: each priority by its English title where it is unchanged."""
        if translation is None:
            return {}
        initial = {"title": translation.title, "vision": translation.vision, "translator": translation.translator}
        initial["translated_on"] = translation.translated_on
        earlier = {row["english"]: row["title"] for row in translation.priority_rows()}
        for i, english in enumerate(source["priorities"], start=1):
            if english in earlier:
                initial[f"priority_{i}"] = earlier[english]
        return initial


class NarrativeTranslationForm(CreditForm):
    def __init__(self, *args, language, source: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        fields = {}
        if source.get("campaign_name"):
            fields["campaign_name"] = forms.CharField(
                label=_("Campaign name"),
                required=False,
                max_length=TITLE_MAX * 4,
                widget=_typed_in(language, forms.TextInput()),
            )
        fields["statement"] = forms.CharField(
            label=_("Narrative statement"),
            required=False,
            max_length=STATEMENT_MAX * 2,
            widget=_typed_in(language, forms.Textarea(attrs={"rows": 10})),
        )
        self.fields = {**fields, **self.fields}

    def rows(self):
        rows = []
        if "campaign_name" in self.fields:
            rows.append((_hint(self.source["campaign_name"]), self["campaign_name"]))
        rows.append((_hint(self.source["statement"]), self["statement"]))
        return rows

    def service_kwargs(self) -> dict:
        return {
            "campaign_name": self.cleaned_data.get("campaign_name", ""),
            "statement": self.cleaned_data["statement"],
            **self.credit_kwargs(),
        }

    @staticmethod
    def initial_from(translation) -> dict:
        if translation is None:
            return {}
        return {
            "campaign_name": translation.campaign_name,
            "statement": translation.statement,
            "translator": translation.translator,
            "translated_on": translation.translated_on,
        }
