"""Form helpers shared by every app's views."""

from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each field's messages on that field, the rest (a plain
    message, or one about a field the form does not show) above the form. Nothing is written when a service
    refuses, so the person corrects the form they filled in."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, texts in by_field.items():
        form.add_error(field if field in form.fields else None, texts)
