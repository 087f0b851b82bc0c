"""Forms for the taskforce. Validation that needs the database lives in services and is shown on the form."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.widgets import DateInput

from .models import Meeting, Organisation, TaskforceMember
from .selectors import linkable_actions


def _formfield(field, **kwargs):
    """Websites typed without a scheme are taken as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    class Meta:
        formfield_callback = _formfield
        model = Organisation
        fields = ["name", "sector", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {
                "required": _("Enter the organisation’s name."),
                "max_length": _("Keep the name under 200 characters."),
            },
            "sector": {
                "required": _("Choose the organisation’s sector."),
                "invalid_choice": _("Choose a sector from the list."),
            },
            "website": {"invalid": _("Enter the website as a full address, like https://example.org")},
        }


class MemberForm(forms.ModelForm):
    class Meta:
        model = TaskforceMember
        fields = [
            "person_name",
            "organisation",
            "email",
            "user",
            "role",
            "lived_experience",
            "lived_experience_consent",
            "lived_experience_consent_date",
            "notes",
        ]
        widgets = {
            "role": forms.RadioSelect,
            "lived_experience_consent_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "user": _("Only people who already hold a role at this place can be linked."),
            "lived_experience": _(
                "Only record this if the person has told you and agreed to it being recorded. "
                "Only this place’s officers and programme facilitators can see it."
            ),
            "lived_experience_consent": _("The person has given explicit consent to record their lived experience."),
        }
        error_messages = {
            "person_name": {"required": _("Enter the person’s name.")},
            "email": {"invalid": _("Enter an email address like name@example.org")},
            "lived_experience_consent_date": {"invalid": _("Enter the consent date as a real date.")},
        }

    def __init__(self, *args, place, show_lived_experience: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = place.taskforce_organisations.order_by("name")
        self.fields["organisation"].empty_label = _("None (taking part as an individual)")
        # A member may be linked to a platform account that already holds a role at this place.
        from inclusive_cities.accounts.models import User

        self.fields["user"].queryset = User.objects.filter(place_roles__place=place, is_active=True).distinct()
        self.fields["user"].empty_label = _("Not linked to an account")
        self.fields["user"].required = False
        if not show_lived_experience:
            for name in ("lived_experience", "lived_experience_consent", "lived_experience_consent_date"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("lived_experience") and not data.get("lived_experience_consent"):
            self.add_error(
                "lived_experience_consent",
                _("Lived experience can only be recorded with the person’s explicit consent: tick the consent box."),
            )
        if data.get("lived_experience_consent") and not data.get("lived_experience_consent_date"):
            if "lived_experience_consent_date" not in self.errors:
                self.add_error("lived_experience_consent_date", _("Enter the date the person gave consent."))
        return data


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "date", "attendees", "decisions", "actions_arising", "linked_actions"]
        widgets = {
            "date": DateInput(),
            "attendees": forms.CheckboxSelectMultiple,
            "decisions": forms.Textarea(attrs={"rows": 4}),
            "actions_arising": forms.Textarea(attrs={"rows": 4}),
            "linked_actions": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "linked_actions": _(
                "Actions in this place’s plans that the meeting’s actions arising feed into (optional)."
            ),
        }
        error_messages = {
            "title": {"required": _("Enter a title for the meeting.")},
            "date": {"required": _("Enter the meeting date."), "invalid": _("Enter the meeting date as a real date.")},
        }

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = place.taskforce_members.order_by("person_name")
        self.fields["linked_actions"].queryset = linkable_actions(place=place)
        self.fields["linked_actions"].label_from_instance = lambda a: f"{a.title} ({a.priority.plan})"
