"""Forms for the data app: the catalogue filters and the import upload."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.language import lazy_format

from . import selectors, services
from .importers import IMPORTERS


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=settings.MAX_QUERY_LENGTH)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    domain = forms.ChoiceField(label=_("Integration domain"), required=False)
    publisher = forms.ChoiceField(label=_("Publisher"), required=False)

    def __init__(self, *args, themes=(), domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["domain"].choices = [("", _("All domains")), *domains]
        self.fields["publisher"].choices = [("", _("All publishers")), *((p, p) for p in selectors.publishers())]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.gz,.xlsx,text/csv"}),
        help_text=lazy_format(
            _("A publisher's file as downloaded: CSV (.csv or .csv.gz) or Excel (.xlsx), at most %(mb)s MB."),
            mb=settings.MAX_UPLOAD_BYTES // (1024 * 1024),
        ),
    )
    importer = forms.ChoiceField(
        label=_("Format"),
        required=False,
        help_text=_("Leave on “Recognise from the file” unless the platform picks the wrong format."),
    )
    period = forms.CharField(
        label=_("Period of the figures (only if the file does not say)"),
        required=False,
        max_length=40,
        help_text=_(
            "Most publishers' files state their period and this stays empty. A few layouts carry none (the reshaped "
            "mid-year population CSVs): then type it, for example “mid-2022”. It is checked against the file's name."
        ),
    )

    area = forms.CharField(
        label=_("Council area (only for Scotland's Census output-area tables)"),
        required=False,
        max_length=12,
        help_text=_(
            "Those tables do not say which council each output area lies in. Type the council area code, for "
            "example S12000049 for Glasgow City, and upload NRS's output-area lookup below."
        ),
    )
    lookup = forms.FileField(
        label=_("Output-area lookup (only with a council area)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.gz,text/csv"}),
        help_text=_(
            "NRS's OA_TO_HIGHER_AREAS.csv from the Census 2022 index (columns OA2022 and CA2019), as downloaded."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["importer"].choices = [("", _("Recognise from the file")), *((i.name, i.label) for i in IMPORTERS)]

    def clean_lookup(self):
        upload = self.cleaned_data.get("lookup")
        if upload:
            try:
                services.check_upload(file_name=upload.name, size=upload.size)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return upload

    def clean(self):
        data = super().clean()
        if data.get("lookup") and not (data.get("area") or "").strip():
            self.add_error("area", _("Give the council area the lookup file should select, e.g. S12000049."))
        if (data.get("area") or "").strip() and not data.get("lookup"):
            self.add_error("lookup", _("Upload the output-area lookup that places output areas in that council."))
        return data

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            services.check_upload(file_name=upload.name, size=upload.size)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return upload
