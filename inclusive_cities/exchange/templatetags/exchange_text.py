"""Plain text written in the platform (report sections, notes) shown as GOV.UK paragraphs."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def paragraphs(text: str, css: str = "govuk-body") -> str:
    """Blank-line-separated paragraphs, each a <p class=css>; single line breaks kept as <br>."""
    blocks = [b.strip("\n") for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    return mark_safe(
        "".join(
            f'<p class="{escape(css)}">' + "<br>".join(escape(line) for line in b.split("\n")) + "</p>" for b in blocks
        )
    )
