"""Forms for the network."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.widgets import DateInput

from .models import Membership


class PlaceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or ONS code"), max_length=100, required=False)
    nation = forms.ChoiceField(label=_("Nation"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    include_former = forms.BooleanField(label=_("Include former councils"), required=False)

    def __init__(self, *args, facets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [("", _("All nations"))] + [(n, n) for n in facets["nations"]]
        self.fields["region"].choices = [("", _("All regions"))] + [(r, r) for r in facets["regions"]]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = [
            "kind",
            "joined_year",
            "left_year",
            "left_note",
            "hosting_department",
            "sponsor_role",
            "signatory_role",
            "commitment_letter_date",
            "operational_leads",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "commitment_letter_date": DateInput(),
            "left_note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined_year"), data.get("left_year")
        if joined and left and left < joined:
            self.add_error("left_year", _("The year it left cannot be before the year it joined."))
        return data
