"""GOV.UK Frontend form fields, error summary and pagination as Django template tags."""

import html
import re

from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.formats import human_dates as _human_dates
from inclusive_cities.core.sources import cite_sources as _cite_sources

register = template.Library()


@register.filter(is_safe=True)
def human_dates(value):
    """ISO dates in a value ("2014-03-31", a release "2014-03-31, …, 2024-09-30") as people write them."""
    return _human_dates(value)


@register.filter(is_safe=True)
def cite_sources(value):
    """Internal labels of the source documents ("seed 004, Table 3") read as citations (see `core.sources`)."""
    return _cite_sources(value)


@register.filter
def css_string(value) -> str:
    """Text for inside a double-quoted CSS string (a PDF's running footer): HTML entities from autoescaping are
    turned back into characters, then quotes, backslashes, line breaks and angle brackets are CSS-escaped, so a
    title such as `Bristol's "welcome" & plan` prints as written and cannot end the string or the style sheet."""
    text = html.unescape(str(value))
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\A ", "\r": "", "<": "\\3C ", ">": "\\3E "}
    return mark_safe("".join(escapes.get(ch, ch) for ch in text))


def _kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


DASHES = "---------"


def empty_choice_label(field) -> str:
    """What an empty select says: "Choose sector" where an answer is needed, "None" where it may stay empty."""
    if not field.required:
        return str(_("None"))
    thing = re.sub(r"\s*\(.*\)\s*$", "", str(field.label or "")).strip()
    if not thing:
        return str(_("Choose one"))
    if not thing[1:2].isupper():  # "ONS code" keeps its capitals
        thing = thing[:1].lower() + thing[1:]
    return str(_("Choose %(thing)s") % {"thing": thing})


def _name_empty_choice(field) -> None:
    """Django's "---------" placeholder replaced by words, unless the form gave its own (it wins)."""
    if getattr(field, "empty_label", None) == DASHES:
        field.empty_label = empty_choice_label(field)
    elif hasattr(field, "choices") and not hasattr(field, "queryset"):
        choices = list(field.choices)
        if any(value in ("", None) and label == DASHES for value, label in choices):
            field.choices = [
                (value, empty_choice_label(field) if value in ("", None) and label == DASHES else label)
                for value, label in choices
            ]


@register.simple_tag
def govuk_field(field, hint: str = "", width: str = "", label_class: str = "govuk-label--s"):
    """Render one bound field the way the GOV.UK design system does, with hint and error message."""
    kind = _kind(field)
    css = {
        "input": "govuk-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
    }.get(kind, "")
    if field.errors and css:
        css += f" {css}--error"
    if width and kind == "input":
        css += f" govuk-input--width-{width}" if width.isdigit() else f" govuk-!-width-{width}"
    describedby = []
    hint = hint or field.help_text
    if hint:
        describedby.append(f"{field.auto_id}-hint")
    if field.errors:
        describedby.append(f"{field.auto_id}-error")
    attrs = {}
    if css:
        attrs["class"] = css
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if kind == "checkbox":
        attrs["class"] = "govuk-checkboxes__input"
    if kind == "select":
        _name_empty_choice(field.field)
    widget_html = field.as_widget(attrs=attrs) if kind not in {"checkboxes", "radios"} else ""
    return render_to_string(
        "includes/field.html",
        {"field": field, "kind": kind, "hint": hint, "widget_html": widget_html, "label_class": label_class},
    )


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_):
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"href": "", "message": error})
        for field in form:
            for error in field.errors:
                items.append({"href": f"#{field.auto_id}", "message": error})
    return {"items": items}


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page_obj, param="page"):
    """Links to a list's pages; `param` names the query parameter (a page with two paginated lists needs two)."""
    request = context["request"]

    def url_for(number: int) -> str:
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    pages = []
    if page_obj.paginator.num_pages > 1:
        for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
            pages.append({"number": number, "url": url_for(number) if isinstance(number, int) else ""})
    return {
        "page_obj": page_obj,
        "pages": pages,
        "previous_url": url_for(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": url_for(page_obj.next_page_number()) if page_obj.has_next() else "",
    }


@register.simple_tag(takes_context=True)
def sort_url(context, key: str) -> str:
    """Link that sorts a list by `key`, flipping direction when it is already sorted by it."""
    request = context["request"]
    query = request.GET.copy()
    current = query.get("sort", "")
    query["sort"] = f"-{key}" if current == key else key
    query.pop("page", None)
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def aria_sort(context, key: str) -> str:
    current = context["request"].GET.get("sort", "")
    if current == key:
        return "ascending"
    if current == f"-{key}":
        return "descending"
    return "none"
