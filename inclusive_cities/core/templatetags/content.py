"""`{% content obj "field" %}`: content people write, in the page's language, saying when it falls back to English.

On a Welsh page: the Welsh where there is one; otherwise the English, marked `lang="en"`, with a visible notice
"This text is not yet available in Welsh" (in Welsh). On an English page: the English. `block=True` for longer text:
paragraphs from blank lines (line breaks kept), each `<p class="{css}">` (GOV.UK body text unless `css` says
otherwise, `css=""` in PDFs), with the notice above them. See `core/translated.py` and docs/translation.md.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from inclusive_cities.core import translated

register = template.Library()


def _paragraphs(text: str, css: str):
    chunks = [chunk.strip("\n") for chunk in text.replace("\r\n", "\n").split("\n\n") if chunk.strip()]
    attr = format_html(' class="{}"', css) if css else ""
    return format_html_join(
        "\n",
        "<p{}>{}</p>",
        ((attr, mark_safe("<br>".join(format_html("{}", line) for line in chunk.split("\n")))) for chunk in chunks),
    )


@register.simple_tag
def content(obj, name: str, block: bool = False, css: str = "govuk-body"):
    if obj is None:
        return ""
    shown = translated.shown(obj, name)
    if block:
        body = _paragraphs(shown.text, css)
        if not shown.fallback:
            return body
        return format_html(
            '<p class="ic-untranslated {}">{}</p><div lang="en">{}</div>', "govuk-body-s", translated.notice(), body
        )
    if not shown.fallback:
        return shown.text
    return format_html(
        '<span lang="en">{}</span> <span class="ic-untranslated ic-untranslated--inline">{}</span>',
        shown.text,
        translated.notice(),
    )


@register.simple_tag
def content_text(obj, name: str) -> str:
    """Only the text, for places where markup cannot go (a page title, an attribute, a PDF's running footer)."""
    return translated.shown(obj, name).text if obj is not None else ""


@register.simple_tag
def content_shown(obj, name: str):
    """`{% content_shown goal "maturity_levels" as shown %}`: `shown.text`, `shown.lang`, `shown.fallback` and
    `shown.notice`, for content laid out by the template itself (a table of levels)."""
    return translated.shown(obj, name)
