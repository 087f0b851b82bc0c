"""Form widgets shared by every app."""

from django import forms


class DateInput(forms.DateInput):
    """A native date picker. Browsers only accept ISO dates (2026-03-31) in `<input type="date">` and silently drop
    any other format, so the value is always rendered that way, whatever the locale's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
