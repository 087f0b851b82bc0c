"""Forms for peer learning (GOV.UK fields via the `govuk_field` tag)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.uploads import check_upload
from inclusive_cities.framework.models import Principle, Theme
from inclusive_cities.network.models import Cohort, Place, Programme

from .models import (
    AGREEMENT_LABELS,
    Barrier,
    Convening,
    ConveningKind,
    LearningReportSection,
    OutputKind,
    ParticipationKind,
    QuestionKind,
)

MAX_UPLOAD = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = {".pdf", ".pptx", ".ppt", ".docx", ".doc", ".odt", ".odp", ".txt", ".csv", ".xlsx"}


def _place_choices():
    return Place.objects.filter(is_current=True).order_by("name")


class ConveningForm(forms.ModelForm):
    member_places = forms.ModelMultipleChoiceField(
        label=_("Participating places (members)"), queryset=Place.objects.none(), required=False
    )
    associate_places = forms.ModelMultipleChoiceField(
        label=_("Participating places (associate members)"), queryset=Place.objects.none(), required=False
    )

    class Meta:
        model = Convening
        fields = [
            "programme",
            "title",
            "kind",
            "host",
            "start_date",
            "end_date",
            "dates_note",
            "location",
            "aims",
            "attendees",
            "sessions",
            "notes",
            "notes_network_only",
            "source",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "aims": forms.Textarea(attrs={"rows": 4}),
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "sessions": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # members of a programme, plus every place outside the UK (hosts of learning exchanges)
        in_network = Place.objects.filter(memberships__isnull=False) | Place.objects.filter(is_uk_local_authority=False)
        network = in_network.distinct().order_by("name")
        self.fields["member_places"].queryset = network
        self.fields["associate_places"].queryset = network
        self.fields["host"].queryset = _place_choices()
        self.fields["aims"].required = True
        if self.instance.pk:
            self.initial.setdefault(
                "member_places",
                [p.place_id for p in self.instance.participations.exclude(kind=ParticipationKind.ASSOCIATE)],
            )
            self.initial.setdefault(
                "associate_places",
                [p.place_id for p in self.instance.participations.filter(kind=ParticipationKind.ASSOCIATE)],
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        if not start and not data.get("dates_note"):
            self.add_error("start_date", _("Enter the start date, or say when it took place under “dates”."))
        both = set(data.get("member_places") or []) & set(data.get("associate_places") or [])
        if both:
            self.add_error("associate_places", _("A place is either a member or an associate, not both."))
        return data

    def places(self):
        return [(p, ParticipationKind.MEMBER) for p in self.cleaned_data.get("member_places") or []] + [
            (p, ParticipationKind.ASSOCIATE) for p in self.cleaned_data.get("associate_places") or []
        ]


class ConveningSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any kind")), *ConveningKind.choices], required=False)


class OutputForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=OutputKind.choices)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=20000)
    is_public = forms.BooleanField(label=_("The public may see this output"), required=False)

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if f:
            import os

            if f.size > MAX_UPLOAD:
                raise forms.ValidationError(_("The file must be smaller than 10 MB."))
            if os.path.splitext(f.name)[1].lower() not in ALLOWED_EXTENSIONS:
                raise forms.ValidationError(
                    _("The file must be one of: %(ext)s.") % {"ext": ", ".join(sorted(ALLOWED_EXTENSIONS))}
                )
            check_upload(f, ALLOWED_EXTENSIONS)  # its content, not only its name
        return f


class LearningPointForm(forms.Form):
    text = forms.CharField(label=_("Learning point"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.none(), required=False)
    principles = forms.ModelMultipleChoiceField(
        label=_("Principles"), queryset=Principle.objects.none(), required=False
    )
    is_public = forms.BooleanField(label=_("The public may see this learning point"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from inclusive_cities.framework.selectors import framework_current

        framework = framework_current()
        if framework:
            self.fields["themes"].queryset = framework.themes.all()
            self.fields["principles"].queryset = framework.principles.all()


class ActionArisingForm(forms.Form):
    text = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none(), required=False)
    plan_action = forms.IntegerField(
        label=_("Plan action number (optional)"), required=False, min_value=1,
        help_text=_("The number in the plan action’s web address, to link this to it."),
    )  # fmt: skip

    def __init__(self, *args, convening=None, **kwargs):
        super().__init__(*args, **kwargs)
        if convening is not None:
            self.fields["place"].queryset = convening.places.order_by("name")

    def clean_plan_action(self):
        pk = self.cleaned_data.get("plan_action")
        if not pk:
            return None
        from inclusive_cities.plans.models import Action

        action = Action.objects.select_related("priority__plan__place").filter(pk=pk).first()
        if action is None:
            raise forms.ValidationError(_("No plan action has the number %(pk)s.") % {"pk": pk})
        return action


class ProposeForm(forms.Form):
    place_a = forms.ModelChoiceField(label=_("First place"), queryset=Place.objects.none())
    place_b = forms.ModelChoiceField(label=_("Second place"), queryset=Place.objects.none())
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all(), required=False)
    aims = forms.CharField(label=_("Aims"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    reasons = forms.CharField(label=_("Why these two places"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Place.objects.filter(memberships__isnull=False).distinct().order_by("name")
        self.fields["place_a"].queryset = qs
        self.fields["place_b"].queryset = qs

    def clean(self):
        data = super().clean()
        if data.get("place_a") and data.get("place_a") == data.get("place_b"):
            self.add_error("place_b", _("Choose two different places."))
        return data


class RespondForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Will your place take part?"),
        choices=[("yes", _("Yes, we accept")), ("no", _("No, we decline"))],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
    )
    note = forms.CharField(label=_("Note (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("What was discussed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class LearntForm(forms.Form):
    text = forms.CharField(
        label=_("What your place learnt"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )


class CloseForm(forms.Form):
    learning_note = forms.CharField(
        label=_("Learning note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
        help_text=_("A short note of what the partnership achieved and learnt."),
    )  # fmt: skip


class ThreadForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    cohort = forms.ModelChoiceField(label=_("Cohort (optional)"), queryset=Cohort.objects.none(), required=False)
    theme = forms.ModelChoiceField(label=_("Theme (optional)"), queryset=Theme.objects.none(), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)
    chatham_house = forms.BooleanField(
        label=_("Post under the Chatham House rule"),
        required=False,
        help_text=_("Outside this thread's members, your name and place are not shown."),
    )

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes if programmes is not None else Programme.objects.all()
        self.fields["cohort"].queryset = Cohort.objects.filter(programme__in=self.fields["programme"].queryset)
        from inclusive_cities.framework.selectors import framework_current

        framework = framework_current()
        if framework:
            self.fields["theme"].queryset = framework.themes.all()


class PostForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    chatham_house = forms.BooleanField(label=_("Post under the Chatham House rule"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class SurveyForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    cohort = forms.ModelChoiceField(label=_("Cohort (optional)"), queryset=Cohort.objects.all(), required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    closes_on = forms.DateField(label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    use_template = forms.BooleanField(
        label=_("Start from the participant survey template (strengths and areas for development by aim)"),
        required=False,
        initial=True,
    )

    def clean(self):
        data = super().clean()
        if not data.get("use_template") and not data.get("title"):
            self.add_error("title", _("Give the survey a title, or start from the template."))
        return data


class SectionForm(forms.Form):
    aim = forms.CharField(label=_("Aim"), max_length=300)


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices, widget=forms.RadioSelect)
    choices = forms.CharField(
        label=_("Choices (for single or multiple choice), one a line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)


class AnswerForm(forms.Form):
    """Built from the survey's questions: one field a question, named q<id>."""

    def __init__(self, *args, survey, sections, **kwargs):
        super().__init__(*args, **kwargs)
        cohorts = Cohort.objects.filter(programme_id=survey.programme_id).order_by("start_year")
        self.groups = []
        for section in sections:
            names = []
            for question in section.questions.all():
                name = f"q{question.pk}"
                if question.kind == QuestionKind.AGREEMENT:
                    field = forms.ChoiceField(
                        choices=[(str(v), f"{v} – {label}") for v, label in AGREEMENT_LABELS.items()],
                        widget=forms.RadioSelect,
                    )
                elif question.kind == QuestionKind.SINGLE:
                    field = forms.ChoiceField(choices=[(c, c) for c in question.choice_list], widget=forms.RadioSelect)
                elif question.kind == QuestionKind.MULTIPLE:
                    field = forms.MultipleChoiceField(
                        choices=[(c, c) for c in question.choice_list], widget=forms.CheckboxSelectMultiple
                    )
                else:
                    field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
                field.label = question.text
                field.required = question.required
                self.fields[name] = field
                names.append(name)
            self.groups.append((section.aim, names))
        if not survey.cohort_id and cohorts.count() > 1:
            self.fields["cohort"] = forms.ModelChoiceField(
                label=_("Which cohort is your place in? (optional, used only for results of 5 or more answers)"),
                queryset=cohorts,
                required=False,
            )

    def group_fields(self):
        return [(aim, [self[name] for name in names]) for aim, names in self.groups]


class ReviewForm(forms.Form):
    text = forms.CharField(
        label=_("Comment as it will be shown"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Show this comment")), ("withhold", _("Withhold it"))],
        widget=forms.RadioSelect,
    )


class ReportForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("Period starts"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period ends"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period must end on or after the day it starts."))
        return data


class SectionEditForm(forms.ModelForm):
    class Meta:
        model = LearningReportSection
        fields = ["heading", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class BarrierForm(forms.ModelForm):
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none())
    plan_actions = forms.ModelMultipleChoiceField(label=_("Plan actions it blocks"), queryset=None, required=False)

    class Meta:
        model = Barrier
        fields = ["kind", "title", "rule", "evidence", "local_figures", "source", "may_be_named"]
        widgets = {
            "rule": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "local_figures": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, places=None, **kwargs):
        super().__init__(*args, **kwargs)
        from inclusive_cities.plans.models import Action

        self.fields["place"].queryset = places if places is not None else Place.objects.none()
        self.fields["plan_actions"].queryset = Action.objects.filter(
            priority__plan__place__in=self.fields["place"].queryset
        ).select_related("priority__plan__place")
        self.fields["plan_actions"].label_from_instance = lambda a: f"{a.priority.plan.place.name}: {a.title}"
        if self.instance.pk:
            self.initial.setdefault("place", self.instance.place_id)
            self.initial.setdefault("plan_actions", list(self.instance.actions.values_list("pk", flat=True)))

    def clean(self):
        data = super().clean()
        place = data.get("place")
        for action in data.get("plan_actions") or []:
            if place and action.priority.plan.place_id != place.pk:
                self.add_error("plan_actions", _("“%(a)s” is not in %(p)s’s plan.") % {"a": action, "p": place})
                break
        return data


class PositionStartForm(forms.Form):
    from .models import BarrierKind as _BarrierKind

    kind = forms.ChoiceField(label=_("Barrier"), choices=_BarrierKind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)


class PositionEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)
    asks = forms.CharField(label=_("What we ask"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)
