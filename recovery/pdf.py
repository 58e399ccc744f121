"""Printable documents as PDF (issue 17): one door, `render_pdf`, for a statement, the outcomes report, the
certification packet's index and a safety plan.

The rules, and where they come from:
- A PDF is its page: the same template and context, rendered with `base` set to "pdf/base.html" (no navigation,
  no forms) and laid out by the print stylesheet `static/css/print.css` (US Letter, page numbers). A page template
  that should print extends `{{ base|default:"base.html" }}`.
- The page's permission check and audit happen before `render_pdf` is called, in the view, exactly as for the page:
  the read-audit middleware writes the rows the document shows (recovery.audit.reads), and the view's own
  `record_view` names the document.
- WeasyPrint fetches nothing from the network: only Hearth's own static files are read, from disk (an image or a
  stylesheet named by URL elsewhere is left out), so a document can not be made to call another server.
- The filename names the document and the day, never a person.
"""

import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

PDF_BASE = "pdf/base.html"
PRINT_STYLESHEET = "css/print.css"

# WeasyPrint reports CSS it does not support at WARNING; those lines name our stylesheet's properties, not people.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def _static_only(url: str, timeout: int = 10, ssl_context=None):
    """WeasyPrint's URL fetcher: a file under STATIC_URL found by the static finders; anything else is refused
    (ValueError, which WeasyPrint reports and skips)."""
    path = urlsplit(url).path
    prefix = urlsplit(settings.STATIC_URL).path
    found = finders.find(path[len(prefix) :]) if path.startswith(prefix) else None
    if not found:
        raise ValueError("Only Hearth's own static files are read into a PDF.")
    with open(found, "rb") as stored:
        content = stored.read()
    return {"string": content, "mime_type": mimetypes.guess_type(found)[0] or "application/octet-stream"}


def pdf_bytes(html: str, *, base_url: str = "/") -> bytes:
    """The PDF of `html` laid out with the print stylesheet; fetches only static files (`_static_only`)."""
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find(PRINT_STYLESHEET), url_fetcher=_static_only)
    document = HTML(string=html, base_url=base_url, url_fetcher=_static_only)
    return document.write_pdf(stylesheets=[stylesheet])


def render_pdf(request, template: str, context: dict, *, filename: str) -> HttpResponse:
    """The PDF of `template` rendered with `context` (plus `base` = the PDF base template and `pdf` = True), as an
    attachment named `filename` (a fixed word and a day, never a person: "statement-2026-11-30.pdf").

    The caller has already checked permission and audited the read, as for the page. Not cached anywhere."""
    html = render_to_string(template, {**context, "base": PDF_BASE, "pdf": True}, request=request)
    response = HttpResponse(pdf_bytes(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def wants_pdf(request) -> bool:
    """Whether the page was asked for as a PDF (`?format=pdf`)."""
    return request.GET.get("format") == "pdf"
