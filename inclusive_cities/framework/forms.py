"""Forms for editing a draft framework version."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.translated import WelshFieldsMixin

from .models import MATURITY_LEVELS, Goal, Principle, Theme


class PrincipleForm(WelshFieldsMixin, forms.ModelForm):
    welsh_fields = ("name", "description")

    class Meta:
        model = Principle
        fields = ["name", "description", "source"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_welsh_fields()


class ThemeForm(WelshFieldsMixin, forms.ModelForm):
    welsh_fields = ("name", "description", "what_good_looks_like")

    class Meta:
        model = Theme
        fields = ["name", "description", "what_good_looks_like", "source"]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "what_good_looks_like": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_welsh_fields()


class GoalForm(WelshFieldsMixin, forms.ModelForm):
    welsh_fields = ("title", "description")

    class Meta:
        model = Goal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_welsh_fields()
        # The English and the Welsh by their own names: the plain `maturity_levels` is the page language's.
        levels = list(self.instance.maturity_levels_en or []) if self.instance.pk else []
        levels_cy = list(self.instance.maturity_levels_cy or []) if self.instance.pk else []
        for number, label in MATURITY_LEVELS:
            self.fields[f"level_{number}"] = forms.CharField(
                label=_("What “%(label)s” looks like") % {"label": label},
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
                initial=levels[number] if number < len(levels) else "",
            )
            self.fields[f"level_{number}_cy"] = forms.CharField(
                label=_("What “%(label)s” looks like, in Welsh (optional)") % {"label": label},
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2, "lang": "cy"}),
                initial=levels_cy[number] if number < len(levels_cy) else "",
            )

    def levels(self) -> list[str]:
        return [self.cleaned_data.get(f"level_{n}", "").strip() for n, _label in MATURITY_LEVELS]

    def levels_cy(self) -> list[str]:
        """The Welsh level descriptions, or none at all (so a Welsh page falls back to the English as a whole)."""
        levels = [self.cleaned_data.get(f"level_{n}_cy", "").strip() for n, _label in MATURITY_LEVELS]
        return levels if any(levels) else []


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("What changed in this version"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to everyone beside the version, so places know what to look at again."),
    )
