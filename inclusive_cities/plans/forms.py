"""Forms for plans. They only parse input; the services validate across fields and write."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inclusive_cities.accounts.models import User
from inclusive_cities.core.language import lazy_format
from inclusive_cities.core.translated import WelshFieldsMixin
from inclusive_cities.core.widgets import DateInput
from inclusive_cities.framework.models import Domain, TargetGroup

from .models import Action, ActionPlan, ActionStatus, Direction, Measure, Priority, ProgressUpdate, Rag, ReviewComment
from .selectors import CATEGORY_SEP, indicator_choices, replaceable_plans
from .services import EVIDENCE_EXTENSIONS

DATE = DateInput()


def numbers_as_text(form) -> None:
    """Number fields as text inputs (as GOV.UK advises): whatever was typed comes back to the page, and a value
    that is not a number is refused on the field, naming it."""
    for field in form.fields.values():
        if isinstance(field, forms.DecimalField | forms.IntegerField) and not isinstance(
            field.widget, forms.HiddenInput
        ):
            mode = "numeric" if isinstance(field, forms.IntegerField) else "decimal"
            field.widget = forms.TextInput(attrs={"inputmode": mode, "spellcheck": "false"})
            example = "90" if mode == "numeric" else "12.5"
            label = str(field.label or "")
            field.error_messages["invalid"] = _("%(label)s must be a number, like %(example)s.") % {
                "label": label[:1].upper() + label[1:],
                "example": example,
            }


def replaces_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Does this plan replace another of the place’s published plans?"),
        queryset=ActionPlan.objects.none(),
        required=False,
        empty_label=_("No, it is published alongside them"),
        widget=forms.RadioSelect,
        blank=True,
        help_text=_("A plan it replaces is archived when this one is published (it stays readable at its address)."),
    )


class PlanForm(WelshFieldsMixin, forms.ModelForm):
    replaces = replaces_field()
    welsh_fields = ("title", "vision")

    class Meta:
        model = ActionPlan
        fields = ["title", "period_start", "period_end", "vision", "update_interval_days", "replaces"]
        widgets = {"period_start": DATE, "period_end": DATE, "vision": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        numbers_as_text(self)
        others = replaceable_plans(place=place, plan=self.instance if self.instance.pk else None)
        if others.exists():
            self.fields["replaces"].queryset = others
        else:
            del self.fields["replaces"]
        self.add_welsh_fields()

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The plan end date must be the same as or after its start date."))
        return data

    def _post_clean(self):
        # The service validates and saves; skip the model's own constraint check on an unsaved instance.
        pass


class PriorityForm(WelshFieldsMixin, forms.ModelForm):
    welsh_fields = ("title", "description")

    class Meta:
        model = Priority
        fields = ["title", "description", "order", "themes", "principles"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "principles": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        # The only way to order priorities, so it is named as people see it rather than as a database field.
        labels = {"order": _("Position in the list")}
        help_texts = {"order": _("Priorities are listed from the lowest number up: 1 comes first.")}

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("order", plan.priorities.count() + 1)
        self.fields["themes"].queryset = plan.framework.themes.all()
        self.fields["principles"].queryset = plan.framework.principles.all()
        numbers_as_text(self)
        self.add_welsh_fields()

    def _post_clean(self):
        pass


class ActionForm(WelshFieldsMixin, forms.ModelForm):
    welsh_fields = ("title", "description", "success_criteria")
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "lead_organisation",
            "lead_organisation_name",
            "lead_user",
            "partners",
            "partner_names",
            "success_criteria",
            "timescale",
            "start_date",
            "end_date",
            "target_groups",
            "domains",
            "resource_amount",
            "resource_source",
            "resource_state",
            "status",
            "rag",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "success_criteria": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "domains": forms.CheckboxSelectMultiple,
            "timescale": forms.RadioSelect,
            "resource_state": forms.RadioSelect,
        }

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = plan.place.taskforce_organisations.all()
        self.fields["lead_organisation"].queryset = orgs
        self.fields["partners"].queryset = orgs
        self.fields["lead_user"].queryset = User.objects.filter(place_roles__place=plan.place).distinct()
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["domains"].queryset = Domain.objects.select_related("taxonomy")
        numbers_as_text(self)
        period = _("Within the plan’s period, %(start)s to %(end)s.") % {
            "start": date_format(plan.period_start, "j F Y"),
            "end": date_format(plan.period_end, "j F Y"),
        }
        for name in ("start_date", "end_date"):
            self.fields[name].help_text = period
        if self.instance.pk and not self.is_bound:
            self.initial["lock_version"] = self.instance.lock_version
        self.add_welsh_fields()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The action end date must be the same as or after its start date."))
        return data

    def _post_clean(self):
        pass

    def values(self) -> dict:
        return {**{name: self.cleaned_data[name] for name in self.Meta.fields}, **self.welsh_cleaned()}


class PublishForm(forms.Form):
    """On publishing: which of the place's other published plans, if any, this one replaces."""

    replaces = replaces_field()

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaces"].queryset = replaceable_plans(place=plan.place, plan=plan)
        self.initial.setdefault("replaces", plan.replaces_id)


class IndicatorChoiceField(forms.ChoiceField):
    """An indicator (and category) offered for this place; anything else is refused, naming the code."""

    def validate(self, value):
        if value and not self.valid_value(value):
            code, _sep, category = value.partition(CATEGORY_SEP)
            what = f"{code} ({category})" if category else code
            raise forms.ValidationError(
                _("“%(code)s” is not an indicator in the data catalogue with figures for this place."),
                code="invalid_choice",
                params={"code": what[:150]},
            )
        super().validate(value)


class MeasureForm(forms.Form):
    """A measure: an indicator (and category) from the data catalogue with figures for this place, or a local measure
    named in free text with values from progress updates."""

    indicator = IndicatorChoiceField(
        label=_("Indicator from the data catalogue"),
        required=False,
        help_text=_(
            "Indicators with figures for this place, those on the priority’s themes first. Type to jump in the "
            "list. Leave as “none” for a local measure whose values come from progress updates."
        ),
    )
    name = forms.CharField(
        label=_("Name"), max_length=250, required=False, help_text=_("Optional with an indicator: its name is used.")
    )
    baseline = forms.DecimalField(
        label=_("Baseline"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("Leave empty with an indicator to take the place’s latest figure."),
    )
    baseline_period = forms.CharField(label=_("Baseline period"), max_length=40, required=False)
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=14, decimal_places=2)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE)
    direction = forms.ChoiceField(
        label=_("Better when the figure is"),
        choices=Direction.choices,
        initial=Direction.HIGHER,
        required=False,
        widget=forms.RadioSelect,
    )
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)

    def __init__(self, *args, action: Action, measure: Measure | None = None, **kwargs):
        if measure is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "indicator": f"{measure.indicator_code}{CATEGORY_SEP}{measure.category}"
                if measure.indicator_code
                else "",
                **{f: getattr(measure, f) for f in ("name", "baseline", "baseline_period", "target", "target_date")},
                **{f: getattr(measure, f) for f in ("direction", "unit")},
            }
        super().__init__(*args, **kwargs)
        plan = action.priority.plan
        groups = indicator_choices(place=plan.place, theme_codes=[t.code for t in action.priority.themes.all()])
        self.fields["indicator"].choices = [("", _("None: a local measure")), *groups]
        numbers_as_text(self)

    def clean(self):
        data = super().clean()
        missing_name = not data.get("indicator") and not (data.get("name") or "").strip()
        if missing_name and not {"name", "indicator"} & set(self.errors):
            self.add_error("name", _("Give the measure a name, or choose an indicator."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        code, _sep, category = (data.pop("indicator") or "").partition(CATEGORY_SEP)
        return {**data, "indicator_code": code, "category": category}


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=250)
    due_date = forms.DateField(label=_("Due"), required=False, widget=DATE)
    completed_on = forms.DateField(label=_("Completed on (leave empty if not yet done)"), required=False, widget=DATE)


class ProgressForm(forms.ModelForm):
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = ProgressUpdate
        fields = ["date", "status", "rag", "narrative", "evidence_url", "evidence_file"]
        widgets = {"date": DATE, "narrative": forms.Textarea(attrs={"rows": 5}), "rag": forms.RadioSelect}
        help_texts = {
            "evidence_file": lazy_format(
                _("Optional. %(types)s, up to 5 MB."),
                types=", ".join(sorted(e.lstrip(".").upper() for e in EVIDENCE_EXTENSIONS)),
            ),
        }

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ActionStatus.choices
        self.fields["rag"].choices = Rag.choices
        self.measures = list(action.measures.all())
        for measure in self.measures:
            self.fields[f"measure_{measure.pk}"] = forms.DecimalField(
                label=_("Value now: %(name)s") % {"name": measure.name}
                + (f" ({measure.unit})" if measure.unit else ""),
                required=False,
                max_digits=14,
                decimal_places=2,
            )
        numbers_as_text(self)

    def measure_fields(self):
        return [self[f"measure_{m.pk}"] for m in self.measures]

    def measure_values(self) -> dict:
        return {m.pk: self.cleaned_data.get(f"measure_{m.pk}") for m in self.measures}

    def _post_clean(self):
        pass


class CommentForm(forms.ModelForm):
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ReviewComment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or JSON file"), help_text=_("In the same format as the export. Up to 2 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".json")):
            raise forms.ValidationError(_("The file must be a .csv or .json file."))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file must be smaller than 2 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file must be saved as UTF-8 text.")) from error
        return {"text": text, "fmt": "json" if name.endswith(".json") else "csv"}


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Older version"))
    b = forms.IntegerField(label=_("Newer version"))
