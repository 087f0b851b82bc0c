"""Forms for the network."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.widgets import DateInput

from .models import Cohort, Membership, MembershipKind, Place, Programme


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


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "start_year", "end_year", "description"]
        labels = {"description": _("Aims")}
        help_texts = {"description": _("What this cohort sets out to do, in a few sentences.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


MEMBER_FIELDS = ["kind", "joined_year", "hosting_department", "sponsor_role", "signatory_role"]


class MembershipAddForm(forms.ModelForm):
    """Add a place to a cohort (from the cohort: choose the place; from a place: choose the cohort)."""

    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none(), to_field_name="code")
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none(), to_field_name="code")

    class Meta:
        model = Membership
        fields = MEMBER_FIELDS
        labels = {"joined_year": _("Year it joined")}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, choose: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = MembershipKind.choices
        if choose == "place":
            del self.fields["cohort"]
            self.fields["place"].queryset = Place.objects.filter(is_current=True).filter(
                models.Q(is_uk_local_authority=True, is_lower_tier_or_unitary=True)
                | models.Q(is_uk_local_authority=False)
            )
            self.fields["place"].error_messages["invalid_choice"] = _("Choose a current council from the list.")
        else:
            del self.fields["place"]
            self.fields["cohort"].queryset = Cohort.objects.select_related("programme").filter(
                programme__end_year__isnull=True
            )
            self.fields["cohort"].label_from_instance = str
            self.fields["cohort"].error_messages["invalid_choice"] = _("Choose a cohort from the list.")
        self.order_fields(["place", "cohort", *MEMBER_FIELDS])


class MembershipLeaveForm(forms.Form):
    left_year = forms.IntegerField(label=_("Year it left"), min_value=1990, max_value=2100)
    reason = forms.CharField(
        label=_("Why it left"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), strip=True
    )


class FunderReportForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.all(), to_field_name="code", empty_label=None
    )
    start_year = forms.IntegerField(label=_("From (year)"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("To (year)"), min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The period cannot end before it starts."))
        return data
