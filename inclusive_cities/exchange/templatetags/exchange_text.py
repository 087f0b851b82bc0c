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


BULLETS = ("–", "-", "•")


@register.filter
def learning_rows(text: str) -> list[tuple[str, list[str]]] | None:
    """Text written as blocks of "Heading" then "– point" lines, as [(heading, [points])]; None when the text is
    not in that shape (then it is shown as paragraphs). Laid out as seed 004's Table 3 (theme | learning)."""
    rows = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        heading, points = lines[0], lines[1:]
        if heading.startswith(BULLETS) or not points or not all(p.startswith(BULLETS) for p in points):
            return None
        rows.append((heading, [p.lstrip("".join(BULLETS)).strip() for p in points]))
    return rows or None
