"""Forms for consultations: GOV.UK fields through the `govuk_field` tag."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AGREEMENT_LABELS, RespondentKind, site_languages
from .services import MAX_TEXT


class DateInput(forms.DateInput):
    input_type = "date"


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_cy = forms.CharField(
        label=_("Title in Welsh"), max_length=200, required=False,
        help_text=_("Shown on the Welsh pages; the English title is shown (and said so) when empty."),
    )  # fmt: skip
    introduction = forms.CharField(
        label=_("Introduction"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the plan is for, what can still change, and what happens to the answers."),
    )  # fmt: skip
    introduction_cy = forms.CharField(
        label=_("Introduction in Welsh"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput)
    closes_on = forms.DateField(
        label=_("Closes on"), widget=DateInput, help_text=_("The last day answers are taken (a year at most).")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages offered"), widget=forms.CheckboxSelectMultiple, choices=site_languages
    )
    priorities = forms.ModelMultipleChoiceField(
        label=_("Priorities to ask about"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Each priority gets two questions: how far people agree with it, and anything they want to add."),
    )  # fmt: skip

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = plan.priorities.order_by("order", "pk")

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The consultation must close on or after the day it opens."))
        return data


AGREEMENT_CHOICES = [(str(v), label) for v, label in AGREEMENT_LABELS.items()]


class ResponseForm(forms.Form):
    """One agreement scale and one comment a priority, named agree_<id> and comment_<id>; then who is answering.
    Never a question about a person's immigration status, nationality, name or contact details."""

    kind = forms.ChoiceField(
        label=_("Are you answering for yourself or for an organisation?"),
        choices=RespondentKind.choices, widget=forms.RadioSelect, initial=RespondentKind.PERSON,
        help_text=_("An organisation (a charity, a community group, a business) may answer in its own name: give "
                    "its name below. People answering for themselves are never asked their name."),
    )  # fmt: skip
    organisation_name = forms.CharField(
        label=_("Organisation’s name (only if you answer for an organisation)"), max_length=200, required=False,
        help_text=_("Shown to the council’s officers with the organisation’s answers. Leave empty if you answer for "
                    "yourself."),
    )  # fmt: skip

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for question in questions:
            pid = question.priority_id
            self.fields[f"agree_{pid}"] = forms.ChoiceField(
                label=_("How far do you agree with “%(title)s”?") % {"title": question.priority.title},
                choices=AGREEMENT_CHOICES,
                widget=forms.RadioSelect, required=False,
            )  # fmt: skip
            self.fields[f"comment_{pid}"] = forms.CharField(
                label=_("Anything you want to tell us about “%(title)s”? (optional)") % {"title": question.priority.title},
                widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=MAX_TEXT,
                help_text=_("Please do not include names or details that could identify you or anyone else."),
            )  # fmt: skip
            self.groups.append((question.priority, f"agree_{pid}", f"comment_{pid}"))

    def question_fields(self):
        return [(priority, self[agree], self[comment]) for priority, agree, comment in self.groups]

    def answers(self) -> dict:
        """The raw answers for the service (which checks them again): the scale's value as sent, the comment."""
        return {name: self.data.get(name, "") for name in self.fields if name.startswith(("agree_", "comment_"))}


class ModerationForm(forms.Form):
    text = forms.CharField(
        label=_("Comment as it will be shown"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
        max_length=MAX_TEXT,
        help_text=_("Remove names, addresses, ages, nationalities, job titles and any detail that could point to "
                    "a person."),
    )  # fmt: skip
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Show the moderated comment")), ("reject", _("Reject it (it is not shown)"))],
        widget=forms.RadioSelect,
    )


class OutcomesForm(forms.Form):
    def __init__(self, *args, questions, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {o.priority_id: o for o in outcomes}
        self.groups = []
        for question in questions:
            pid = question.priority_id
            outcome = existing.get(pid)
            self.fields[f"you_said_{pid}"] = forms.CharField(
                label=_("You said: %(title)s") % {"title": question.priority.title}, widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=MAX_TEXT,
                initial=outcome.you_said if outcome else "",
                help_text=_("A summary of what people told you about this priority, in your own words."),
            )  # fmt: skip
            self.fields[f"we_did_{pid}"] = forms.CharField(
                label=_("We did: %(title)s") % {"title": question.priority.title}, widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=MAX_TEXT,
                initial=outcome.we_did if outcome else "",
                help_text=_("What changed in the plan because of it (or why nothing changed)."),
            )  # fmt: skip
            self.groups.append((question.priority, f"you_said_{pid}", f"we_did_{pid}"))

    def question_fields(self):
        return [(priority, self[a], self[b]) for priority, a, b in self.groups]

    def records(self) -> dict:
        data = self.cleaned_data
        return {p.pk: (data.get(a, ""), data.get(b, "")) for p, a, b in self.groups}
