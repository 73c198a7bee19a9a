"""The one-page recovery key sheet kept in the director's safe."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.reports.fonts import register_fonts


def write_recovery_sheet(path: Path, recovery_key: str, centre_name: str, where: str) -> None:
    serif, sans = register_fonts()
    body = ParagraphStyle("body", fontName=serif, bulletFontName=serif, fontSize=13, leading=18, spaceAfter=6)
    title = ParagraphStyle("title", parent=body, fontName=f"{serif}-Bold", fontSize=16, alignment=1, spaceAfter=12)
    centre = ParagraphStyle("centre", parent=body, alignment=1, fontName=f"{serif}-Bold")
    note = ParagraphStyle("note", parent=body, alignment=1, fontName=f"{serif}-Italic")
    key_style = ParagraphStyle("key", parent=body, fontName=f"{sans}-Bold", fontSize=19, leading=26, alignment=1)
    groups = recovery_key.split("-")
    key_lines = ["&nbsp; ".join(groups[i : i + 5]) for i in range(0, len(groups), 5)]
    key_box = Table([[Paragraph("<br/>".join(key_lines), key_style)]], colWidths=[150 * mm])
    key_box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, "black"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    signatures = Table(
        [
            [Paragraph(_("Prepared by"), centre), Paragraph(_("Director"), centre)],
            [Paragraph(_("(signature, full name)"), note), Paragraph(_("(signature, full name, seal)"), note)],
        ],
        colWidths=[80 * mm, 80 * mm],
        rowHeights=[8 * mm, 30 * mm],
    )
    signatures.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [
        Paragraph(centre_name, centre),
        Spacer(1, 8 * mm),
        Paragraph(_("DATABASE RECOVERY KEY"), title),
        Paragraph(
            _("Created on {date} for the database at: {where}").format(date=utcnow().strftime("%d/%m/%Y"), where=where),
            body,
        ),
        Spacer(1, 4 * mm),
        key_box,
        Spacer(1, 6 * mm),
        Paragraph(
            _(
                "Keep this sheet in the director's safe. Whoever holds this key can open all of the "
                "centre's records and every backup: do not photograph it, do not store it on a computer."
            ),
            body,
        ),
        Paragraph(
            _(
                "When the program reports that the key of the database is missing (for example after a "
                "Windows password reset), an administrator types this key to restore access: "
                "centre-desk recover. Backups can also be opened with it on a new computer."
            ),
            body,
        ),
        Spacer(1, 12 * mm),
        signatures,
    ]
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=_("Recovery key"),
        initialFontName=serif,
        author=centre_name,
    )
    doc.build(story)
