"""PDF rendering with WeasyPrint from the same Django templates as the pages."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def _static_fetcher(url: str, *args, **kwargs):
    """Serve /static/ URLs from the app static folders, so PDFs never reach out to a network."""
    from weasyprint import default_url_fetcher

    if url.startswith("file:///static/") or url.startswith(settings.STATIC_URL):
        relative = url.split("/static/", 1)[1]
        path = finders.find(relative)
        if path:
            return default_url_fetcher("file://" + str(path))
    if url.startswith("data:"):
        return default_url_fetcher(url)
    raise ValueError(f"PDF rendering does not fetch external resources: {url[:80]}")


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render `template_name` (a full HTML document, usually extending core/pdf_base.html) to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url="file:///", url_fetcher=_static_fetcher).write_pdf()
