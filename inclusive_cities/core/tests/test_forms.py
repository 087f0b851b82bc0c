"""A service's refusal shown on the form the person filled in (core.forms.add_service_errors)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from inclusive_cities.core.forms import add_service_errors


class TitleForm(forms.Form):
    title = forms.CharField()
    starts = forms.DateField(required=False)


def bound() -> TitleForm:
    form = TitleForm({"title": "A plan", "starts": ""})
    assert form.is_valid()
    return form


def test_a_field_error_goes_on_its_field_and_the_rest_above_the_form():
    form = bound()
    add_service_errors(
        form,
        ValidationError(
            {"title": "That title is taken.", "period_end": "Ends before it starts.", NON_FIELD_ERRORS: "No."}
        ),
    )
    assert form.errors["title"] == ["That title is taken."]
    assert form.non_field_errors() == ["Ends before it starts.", "No."]
    assert "title" not in form.cleaned_data


def test_a_plain_message_is_shown_above_the_form_not_a_crash():
    form = bound()
    add_service_errors(form, ValidationError(["First problem.", "Second problem."]))
    assert form.non_field_errors() == ["First problem.", "Second problem."]
    assert not form.is_valid()
