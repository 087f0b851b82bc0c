"""PDF rendering with WeasyPrint from the same Django templates as the pages, and the limit on anonymous renders."""

import math

from django.conf import settings
from django.contrib.staticfiles import finders
from django.shortcuts import render
from django.template.loader import render_to_string
from django_ratelimit.core import get_usage

from inclusive_cities.core.pagecache import memoized_on_input


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
    """Render `template_name` (a full HTML document, usually extending core/pdf_base.html) to PDF bytes.

    WeasyPrint's layout is the cost (0.5-2 s a document; the HTML takes milliseconds), and the same HTML always
    lays out the same: the PDF is kept in the shared cache on the exact HTML and WeasyPrint's version, so a
    document nobody changed is laid out once, whoever asks for it, and any change to what it shows is a new PDF.
    """
    import weasyprint

    html = render_to_string(template_name, context, request=request)

    def lay_out() -> bytes:
        return weasyprint.HTML(string=html, base_url="file:///", url_fetcher=_static_fetcher).write_pdf()

    return memoized_on_input(f"pdf {weasyprint.__version__}", html.encode(), lay_out)


def anonymous_limit(request, *, page_url: str):
    """None when this request may render a PDF; otherwise the page that says to wait (HTTP 429, Retry-After).

    Rendering a PDF takes seconds, so anonymous clients may render ANONYMOUS_PDF_RATE of them per address (default
    20 in 10 minutes); signed-in people are not limited. Every PDF view the public can reach calls this just before
    it renders: a copy served by the anonymous page cache (core/pagecache.py) never reaches the view, so it does not
    count. A cache that cannot count lets the PDF through (the page cache keeps serving the same PDF either way).
    """
    if request.user.is_authenticated:
        return None
    usage = get_usage(request, group="anonymous-pdf", key="ip", rate=settings.ANONYMOUS_PDF_RATE, increment=True)
    if usage is None or not usage["should_limit"] or usage["limit"] == 0:
        return None
    seconds = max(1, usage["time_left"])
    context = {"minutes": max(1, math.ceil(seconds / 60)), "page_url": page_url}
    response = render(request, "core/too_many_pdfs.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
