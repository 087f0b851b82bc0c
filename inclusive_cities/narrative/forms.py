"""The narrative form: fields, then the checklist (a tick and a note for each principle)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.translated import WelshFieldsMixin, english, welsh

from .models import CHECKLIST, Audience, Defensive, MessageTheme


class NarrativeForm(WelshFieldsMixin, forms.Form):
    welsh_fields = ("campaign_name", "statement", "defensive_notes", "channels")

    campaign_name = forms.CharField(
        label=_("Campaign name (optional)"),
        max_length=150,
        required=False,
        help_text=_("For example “Our Liverpool” or “We Are Bristol”."),
    )
    statement = forms.CharField(
        label=_("Narrative statement"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The story of inclusion the place tells, in a few sentences."),
        error_messages={"required": _("Write the narrative statement: the story the place tells about itself.")},
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"), choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    other_audiences = forms.CharField(label=_("Other specific audiences"), max_length=300, required=False)
    message_themes = forms.MultipleChoiceField(
        label=_("Message themes"),
        choices=MessageTheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The six themes of Welcoming America’s Stronger Together toolkit, as summarised in seed 002, section 6.2."
        ),
    )
    defensive_approaches = forms.MultipleChoiceField(
        label=_("Defensive approaches"),
        choices=Defensive.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Such as Barcelona’s anti-rumours strategy, where trained local people answer common myths (seed 002, section 6.2)."
        ),
    )
    defensive_notes = forms.CharField(
        label=_("How you respond to myths and tensions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    channels = forms.CharField(
        label=_("Channels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the story is told: speeches, social media, services, events, signs."),
    )
    carriers = forms.CharField(
        label=_("Partners who carry it"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("Plan actions that deliver the narrative"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Documents the narrative draws on, with sections."),
    )

    def __init__(self, *args, actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = actions
        self.fields["actions"].label_from_instance = lambda a: (
            f"{a.priority.plan.title} (v{a.priority.plan.version}): {a.title}"
        )
        if actions is None or not actions.exists():
            del self.fields["actions"]
        self.add_welsh_fields()
        for key, label, guidance in CHECKLIST:
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False, help_text=guidance)
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("How the narrative does this: %(item)s") % {"item": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=1000,
            )

    def checklist_pairs(self):
        return [(self[f"check_{key}"], self[f"note_{key}"]) for key, _l, _g in CHECKLIST]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        checklist = {}
        for key, _l, _g in CHECKLIST:
            checklist[key] = {"done": data.pop(f"check_{key}"), "note": data.pop(f"note_{key}")}
        data["checklist"] = checklist
        return data

    @classmethod
    def initial_from(cls, narrative) -> dict:
        if narrative is None:
            return {}
        initial = {
            name: getattr(narrative, name)
            for name in [
                "campaign_name",
                "statement",
                "audiences",
                "other_audiences",
                "message_themes",
                "defensive_approaches",
                "defensive_notes",
                "channels",
                "carriers",
                "sources",
            ]
        }
        for name in cls.welsh_fields:
            # By their own names: the plain field reads in the page's language.
            initial[name] = english(narrative, name)
            initial[f"{name}_cy"] = welsh(narrative, name)
        initial["actions"] = list(narrative.actions.values_list("pk", flat=True))
        for row in narrative.checklist_rows():
            initial[f"check_{row['key']}"] = row["done"]
            initial[f"note_{row['key']}"] = row["note"]
        return initial
