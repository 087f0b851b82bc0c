"""Forms for the evidence base: search and filters, contributing a case study, reviewing one."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.translated import WelshFieldsMixin
from inclusive_cities.framework.models import Domain, TargetGroup
from inclusive_cities.framework.selectors import framework_current

from .models import PRINCIPLE_CODES, THEME_CODES, CaseStudy, EvidenceRating, InterventionType

MODES = [("hybrid", _("Words and meaning")), ("text", _("Words only")), ("semantic", _("Meaning only"))]
SORT_CHOICES = [
    ("", _("Best match")),
    ("title", _("Title")),
    ("-year", _("Newest first")),
    ("year", _("Oldest first")),
    ("-evidence", _("Strongest evidence first")),
    ("place", _("Place")),
    ("country", _("Country")),
]


def theme_choices() -> list[tuple[str, str]]:
    framework = framework_current()
    names = {t.code: t.name for t in framework.themes.all()} if framework else {}
    return [(code, f"{code} {names.get(code, '')}".strip()) for code in THEME_CODES]


def principle_choices() -> list[tuple[str, str]]:
    framework = framework_current()
    names = {p.code: p.name for p in framework.principles.all()} if framework else {}
    return [(code, f"{code} {names.get(code, '')}".strip()) for code in PRINCIPLE_CODES]


class SearchForm(forms.Form):
    # No max_length here: a long query is cut (and the page says so) rather than refused.
    q = forms.CharField(label=_("Search case studies"), required=False)
    mode = forms.ChoiceField(label=_("Match"), choices=MODES, required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    principle = forms.ChoiceField(label=_("Principle"), required=False)
    domain = forms.ChoiceField(label=_("Integration domain"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    intervention_type = forms.ChoiceField(label=_("Type of intervention"), required=False)
    evidence_min = forms.TypedChoiceField(
        label=_("Evidence level at least"), required=False, coerce=int, empty_value=None
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["q"].help_text = _("Everyday words work: for example “helping new parents learn the language”.")
        self.fields["theme"].choices = anything + theme_choices()
        self.fields["principle"].choices = anything + principle_choices()
        self.fields["domain"].choices = anything + [
            (d.code, f"{d.name} ({d.taxonomy.name})") for d in Domain.objects.select_related("taxonomy")
        ]
        self.fields["target_group"].choices = anything + [(g.code, g.name) for g in TargetGroup.objects.all()]
        self.fields["country"].choices = anything + [(c, c) for c in countries]
        self.fields["intervention_type"].choices = anything + list(InterventionType.choices)
        self.fields["evidence_min"].choices = anything + [(v, str(v)) for v in EvidenceRating.values]

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "theme": data.get("theme") or "",
            "principle": data.get("principle") or "",
            "domain": data.get("domain") or "",
            "target_group": data.get("target_group") or "",
            "country": data.get("country") or "",
            "intervention_type": data.get("intervention_type") or "",
            "evidence_min": data.get("evidence_min"),
        }


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class CaseStudyForm(WelshFieldsMixin, forms.ModelForm):
    welsh_fields = ("title", "summary")

    themes = forms.MultipleChoiceField(label=_("Themes"), widget=forms.CheckboxSelectMultiple, required=False)
    principles = forms.MultipleChoiceField(label=_("Principles"), widget=forms.CheckboxSelectMultiple, required=False)
    domains = forms.ModelMultipleChoiceField(
        label=_("Integration domains"),
        queryset=Domain.objects.select_related("taxonomy"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CaseStudy
        formfield_callback = _formfield
        fields = [
            "title",
            "place_name",
            "country",
            "summary",
            "intervention_type",
            "year",
            "outcomes",
            "evidence_rating",
            "evidence_note",
            "source_document",
            "source_section",
            "source_url",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
            "evidence_note": forms.Textarea(attrs={"rows": 3}),
            "evidence_rating": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": _("Enter the title of the practice or project.")},
            "place_name": {"required": _("Enter the place where it happens.")},
            "country": {"required": _("Enter the country.")},
            "summary": {"required": _("Write a summary: what it does and for whom.")},
            "evidence_rating": {"required": _("Choose the evidence level your evidence supports.")},
        }
        help_texts = {
            "title": _("The name of the practice or project."),
            "summary": _("What it does, for whom, and why it matters, in your own words."),
            "outcomes": _("Figures from an evaluation or monitoring, with where they come from."),
            "source_document": _("For example your action plan, an evaluation report, or “our own work”."),
        }

    def __init__(self, *args, places=None, **kwargs):
        """`places`: the places the contributor may credit (a queryset); None when editing an existing one."""
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = theme_choices()
        self.fields["principles"].choices = principle_choices()
        self.fields["evidence_rating"].choices = list(EvidenceRating.choices)
        if self.instance.pk:
            self.fields["themes"].initial = self.instance.themes
            self.fields["principles"].initial = self.instance.principles
        else:
            self.fields["country"].initial = "United Kingdom"
        if places is not None:
            self.fields["credited_place"] = forms.ModelChoiceField(
                label=_("Contributed by (your place)"), queryset=places, empty_label=None
            )
            self.order_fields(["credited_place"])
        self.add_welsh_fields()

    def clean_summary(self):
        summary = self.cleaned_data["summary"].strip()
        if len(summary) < 40:
            raise forms.ValidationError(_("Write a summary of at least 40 characters: what it does and for whom."))
        return summary

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        out = {name: data[name] for name in self.Meta.fields} | self.welsh_cleaned()
        out["themes"] = data.get("themes", [])
        out["principles"] = data.get("principles", [])
        out["domains"] = list(data.get("domains") or [])
        out["target_groups"] = list(data.get("target_groups") or [])
        return out


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish it")), ("reject", _("Return it to the contributor"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the contributor"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        help_text=_("Required when you return it: say what to improve."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the case study is returned, so that the contributor can improve it."))
        return data


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Evidence level"), coerce=int, choices=EvidenceRating.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why this level"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Against the standard's definition: what the source shows, and what the next level would need."),
        error_messages={"required": _("Say why the evidence level changes.")},
    )


class PinForm(forms.Form):
    """Pin a case study to a priority or an action: which one (its short name) and why."""

    case_study = forms.SlugField(widget=forms.HiddenInput, max_length=120)
    note = forms.CharField(
        label=_("Why this case study"),
        help_text=_("A sentence or two on what the plan can learn from it. Shown with the plan when it is published."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why this case study matters to the plan.")},
    )
    q = forms.CharField(widget=forms.HiddenInput, required=False)
