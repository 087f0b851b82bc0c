"""Forms for editing a draft framework version."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MATURITY_LEVELS, Goal, Principle, Theme


class PrincipleForm(forms.ModelForm):
    class Meta:
        model = Principle
        fields = ["name", "description", "source"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 4})}


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "what_good_looks_like", "source"]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "what_good_looks_like": forms.Textarea(attrs={"rows": 6}),
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = list(self.instance.maturity_levels or []) if self.instance.pk else []
        for number, label in MATURITY_LEVELS:
            self.fields[f"level_{number}"] = forms.CharField(
                label=_("What “%(label)s” looks like") % {"label": label},
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=levels[number] if number < len(levels) else "",
            )

    def levels(self) -> list[str]:
        return [self.cleaned_data.get(f"level_{n}", "").strip() for n, _label in MATURITY_LEVELS]


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("What changed in this version"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to everyone beside the version, so places know what to look at again."),
    )
