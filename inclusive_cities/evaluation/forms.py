"""The evaluation plan form. Treated places are typed as CODE:YEAR lines, checked against the register of places."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inclusive_cities.data.models import Indicator
from inclusive_cities.network.models import Place

from .estimators import PanelError
from .models import Evaluation
from .panel import parse_treated

MAX_TREATED = 100


class EvaluationForm(forms.ModelForm):
    indicator_code = forms.CharField(
        label=_("Outcome indicator (code)"),
        max_length=100,
        help_text=_("A code from the indicator catalogue, for example lamis-births-non-uk-born-mothers-pct."),
    )
    treated_text = forms.CharField(
        label=_("Treated places and the year treatment started"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("One per line as ONS code:year, for example E06000023:2017."),
    )

    class Meta:
        model = Evaluation
        fields = [
            "title",
            "question",
            "inputs",
            "activities",
            "outputs",
            "outcomes",
            "category",
            "design",
            "pool",
            "first_year",
            "last_year",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3}) for f in ("question", "inputs", "activities", "outputs", "outcomes")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["indicator_code"].initial = self.instance.indicator.code
            self.fields["treated_text"].initial = "\n".join(f"{c}:{y}" for c, y in self.instance.treated_map().items())
        for name in ("first_year", "last_year"):
            self.fields[name].widget.attrs.update(inputmode="numeric")
        self.places = {}

    def clean_indicator_code(self):
        code = self.cleaned_data["indicator_code"].strip()
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            raise forms.ValidationError(_('"%(code)s" is not in the indicator catalogue.') % {"code": code})
        self.instance.indicator = indicator
        return code

    def clean_treated_text(self):
        try:
            treated = parse_treated(self.cleaned_data["treated_text"])
        except PanelError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if len(treated) > MAX_TREATED:
            raise forms.ValidationError(_("At most %(n)d treated places.") % {"n": MAX_TREATED})
        self.places = {p.code: p for p in Place.objects.filter(code__in=treated)}
        unknown = sorted(set(treated) - set(self.places))
        if unknown:
            raise forms.ValidationError(_("Unknown place code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        for code, year in treated.items():
            if not 1990 <= year <= 2100:
                raise forms.ValidationError(
                    _("%(code)s: %(year)d is not a plausible year.") % {"code": code, "year": year}
                )
        return treated

    def clean(self):
        data = super().clean()
        category = data.get("category", "")
        indicator = getattr(self.instance, "indicator", None) if "indicator_code" in data else None
        if indicator is not None and category and not indicator.observations.filter(category=category).exists():
            self.add_error(
                "category", _('%(code)s has no category "%(cat)s".') % {"code": indicator.code, "cat": category}
            )
        return data
