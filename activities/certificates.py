"""The certificate of participation as a PDF (reportlab): one A4 landscape page saying who took
part in what, hosted by whom, when and for how many hours, with the code and the address where
anyone can check it. Written in the language active when it is drawn."""

import io
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from activities.models import Certificate

# A font that prints every name (accents, ñ, ł…); reportlab's built-in Helvetica covers Latin-1
# only and is the fallback where DejaVu is not installed.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
NAVY = colors.HexColor("#1d3557")


def _fonts() -> tuple[str, str]:
    if "Attache" in pdfmetrics.getRegisteredFontNames():
        return "Attache", "Attache-Bold"
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdfmetrics.registerFont(TTFont("Attache", str(regular)))
        pdfmetrics.registerFont(TTFont("Attache-Bold", str(bold)))
        return "Attache", "Attache-Bold"
    return "Helvetica", "Helvetica-Bold"


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("activities:certificate_verify", args=[certificate.code])


def _fitted(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The largest size up to `size` at which `text` fits `width` (a long title shrinks)."""
    while size > 9 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _lines(certificate: Certificate) -> list[tuple[str, str, float]]:
    """(text, weight, size) from the top of the page down."""
    dates = _("from %(first)s to %(last)s") % {
        "first": date_format(certificate.start_date, "DATE_FORMAT"),
        "last": date_format(certificate.end_date, "DATE_FORMAT"),
    }
    days = ngettext("%(days)s day attended", "%(days)s days attended", certificate.days_attended) % {
        "days": certificate.days_attended
    }
    hours = _("%(hours)s hours") % {"hours": number_format(certificate.hours, decimal_pos=1)}
    return [
        (_("Certificate of participation"), "bold", 30),
        (_("This certifies that"), "regular", 14),
        (certificate.participant_name, "bold", 26),
        (_("took part in"), "regular", 14),
        (certificate.activity_title, "bold", 18),
        (_("hosted by %(host)s") % {"host": certificate.host}, "regular", 14),
        (dates, "regular", 14),
        (f"{days} · {hours}", "regular", 14),
    ]


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's one page, as PDF bytes."""
    regular, bold = _fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(f"{_('Certificate of participation')} — {certificate.participant_name}")
    canvas.setAuthor(_("Attaché"))
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(3)
    canvas.rect(1.2 * cm, 1.2 * cm, width - 2.4 * cm, height - 2.4 * cm)
    y = height - 4 * cm
    for text, weight, size in _lines(certificate):
        font = bold if weight == "bold" else regular
        size = _fitted(canvas, text, font, size, width - 5 * cm)
        canvas.setFillColor(NAVY if weight == "bold" else colors.black)
        canvas.setFont(font, size)
        canvas.drawCentredString(width / 2, y, text)
        y -= size + 0.6 * cm
    canvas.setFillColor(colors.black)
    canvas.setFont(regular, 10)
    issued = date_format(certificate.issued_at, "DATE_FORMAT")
    canvas.drawString(2.2 * cm, 3.2 * cm, _("Issued on %(date)s") % {"date": issued})
    canvas.drawString(2.2 * cm, 2.6 * cm, _("Verification code: %(code)s") % {"code": certificate.code})
    canvas.drawString(2.2 * cm, 2.0 * cm, _("Check it at %(url)s") % {"url": verification_url(certificate)})
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
