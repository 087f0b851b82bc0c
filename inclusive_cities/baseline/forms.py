"""Forms for the baseline."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inclusive_cities.framework.models import TargetGroup

from .models import Activity


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "what",
            "description",
            "lead_organisation",
            "lead_text",
            "themes",
            "principles",
            "target_groups",
            "scale",
            "people_reached",
            "funding_amount",
            "funding_source",
            "funding_status",
            "status",
            "notes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "principles": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "funding_status": forms.RadioSelect,
            "status": forms.RadioSelect,
        }
        error_messages = {
            "what": {"required": _("Describe the activity."), "max_length": _("Keep this under 200 characters.")},
            "people_reached": {"invalid": _("Enter the number of people reached as a whole number.")},
            "funding_amount": {
                "invalid": _("Enter the funding as an amount in pounds, like 25000."),
                "max_digits": _("Enter an amount under £10 billion."),
            },
        }

    def __init__(self, *args, place, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = place.taskforce_organisations.order_by("name")
        self.fields["lead_organisation"].empty_label = _("Not a taskforce organisation (type the lead below)")
        self.fields["themes"].queryset = (
            framework.themes.order_by("code") if framework else self.fields["themes"].queryset.none()
        )
        self.fields["principles"].queryset = (
            framework.principles.order_by("code") if framework else self.fields["principles"].queryset.none()
        )
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("order")
        self.fields["funding_status"].choices = [c for c in self.fields["funding_status"].choices if c[0] != ""]
        self.fields["funding_status"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("lead_organisation") and not (data.get("lead_text") or "").strip():
            self.add_error("lead_text", _("Choose the lead organisation or type who leads the activity."))
        if data.get("lead_organisation") and (data.get("lead_text") or "").strip():
            self.add_error("lead_text", _("Give the lead either as a taskforce organisation or as text, not both."))
        if data.get("funding_amount") is not None and not data.get("funding_status"):
            self.add_error("funding_status", _("Say whether the funding is secured or sought."))
        if data.get("funding_amount") is not None and data["funding_amount"] < 0:
            self.add_error("funding_amount", _("Funding cannot be negative."))
        data["funding_status"] = data.get("funding_status") or ""
        return data
