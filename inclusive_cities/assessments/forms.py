"""Forms for self-assessments."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.language import lazy_format
from inclusive_cities.core.uploads import check_upload

from .models import Confidence, Sharing
from .services import clean_links

MAX_FILE_MB = 10
FILE_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "png", "jpg", "jpeg"]


class AssessmentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the assessment a title, for example “Baseline 2026”.")},
    )
    sharing = forms.ChoiceField(
        label=_("Who can see the results"),
        choices=Sharing.choices,
        widget=forms.RadioSelect,
        initial=Sharing.PRIVATE,
        help_text=_(
            "Your choice, for this assessment only. Network comparisons use only assessments shared with the "
            "network or the public, and only when at least five places shared."
        ),
        error_messages={"required": _("Choose who can see the results.")},
    )


def level_choices(goal=None):
    from inclusive_cities.framework.models import MATURITY_LEVELS

    texts = dict((n, text) for n, _label, text in goal.levels()) if goal is not None else {}
    choices = [("", _("Not answered"))]
    for n, label in MATURITY_LEVELS:
        text = texts.get(n, "")
        choices.append((str(n), f"{n} – {label}" + (f": {text}" if text else "")))
    return choices


class _LevelEvidence(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Maturity level"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What shows this level: documents, decisions, activities, figures."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One web address a line, starting with https://"),
    )
    confidence = forms.ChoiceField(
        label=_("How confident are you in this answer?"),
        choices=[("", _("Not said"))] + list(Confidence.choices),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, goal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = level_choices(goal)

    def clean_links(self):
        try:
            return clean_links(self.cleaned_data.get("links", ""))
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


class AnswerForm(_LevelEvidence):
    file = forms.FileField(
        label=_("Supporting file (optional)"),
        required=False,
        validators=[FileExtensionValidator(FILE_EXTENSIONS)],
        help_text=lazy_format(_("PDF, Word, OpenDocument, spreadsheet or image, up to %(mb)s MB."), mb=MAX_FILE_MB),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_FILE_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_MB})
        if upload:
            check_upload(upload, FILE_EXTENSIONS)  # its content, not only its name
        return upload

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        given = (
            data.get("level") is not None,
            (data.get("evidence") or "").strip(),
            data.get("links"),
            data.get("confidence"),
            data.get("file"),
        )
        if not any(given):
            # An empty form is not an answer: say so rather than report "Answer saved".
            self.add_error(
                "level",
                _("Nothing to save: choose a maturity level or write the evidence before saving this answer."),
            )
        return data


class ContributionForm(_LevelEvidence):
    pass


class ContributionRequestForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=None,
        empty_label=_("Choose a partner"),
        error_messages={
            "required": _("Choose the partner to ask."),
            "invalid_choice": _("Choose a partner of this place."),
        },
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals they are asked to answer"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one goal for the partner to answer.")},
    )
    message = forms.CharField(label=_("Message (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, partners, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["goals"].queryset = goals
        self.fields["goals"].label_from_instance = lambda g: f"{g.code} {g.title}"


NEW_PLAN = "new"


class GapPlanForm(forms.Form):
    """Which plan a gap becomes a priority of: one of the place's draft plans, or a new plan."""

    plan = forms.ChoiceField(
        label=_("Which plan should the priority go in?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the plan to add the priority to, or start a new plan."),
            "invalid_choice": _("Choose one of this place’s draft plans, or start a new plan."),
        },
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {str(p.pk): p for p in plans}
        choices = [
            (
                key,
                _("%(title)s (version %(v)s, draft, %(start)s to %(end)s)")
                % {
                    "title": p.title,
                    "v": p.version,
                    "start": date_format(p.period_start, "j F Y"),
                    "end": date_format(p.period_end, "j F Y"),
                },
            )
            for key, p in self.plans.items()
        ]
        self.fields["plan"].choices = choices + [(NEW_PLAN, _("Start a new draft plan"))]

    def chosen_plan(self):
        """The chosen plan, or None for a new plan (after is_valid)."""
        return self.plans.get(self.cleaned_data["plan"])
