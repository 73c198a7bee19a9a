"""The layout of a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Phụ lục I).

Every decision, record (biên bản) and receipt the centre prints is built on `render()`:

* A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm (Phụ lục I, I.1-3).
* Two-column header: left the parent agency (upright) and the issuer (bold) with a short rule
  under it, then "Số: …/…"; right the national name, the motto with a rule of its own length, then
  the italic place and date on the same level as the number (II.1-4).
* Kind (bold, upper case) and subject (bold) centred, with a short rule under the subject (II.5).
* Body justified, first-line indent 1.27 cm, ≥ 6 pt between paragraphs, line spacing between single
  and 1.5 lines (II.6); legal bases ("Căn cứ …;") in italics (II.6.a).
* "Nơi nhận:" bold italic 12 pt level with the signer's authority line, recipients 11 pt (II.9);
  signature block(s) on the right: authority and title bold upper case, name bold (II.7).
* Page numbers centred in the top margin, from page 2 only (I.7).

Input is a frozen dataclass tree; output is the PDF as bytes. All text is NFC-normalised first.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass
from functools import partial
from typing import Literal

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from centre_desk.reports.fonts import register_serif
from centre_desk.reports.marks import PageMarks, draw_stamp, draw_watermark
from centre_desk.reports.official_parts import (
    BODY_SIZE,
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    MOTTO,
    NATIONAL_NAME,
    PAGE_NUMBER_SIZE,
    PAGE_SIZE,
    PARAGRAPH_SPACE,
    RECIPIENTS_LABEL,
    RIGHT_MARGIN,
    TA_CENTER,
    TA_LEFT,
    TA_RIGHT,
    TEXT_WIDTH,
    TOP_MARGIN,
    Alignment,
    Styles,
    closing_section,
    date_line,
    header_section,
    markup,
    number_line,
    number_symbol,
    para,
    styles,
    title_section,
)
from centre_desk.text import nfc, normalized

__all__ = [
    "MOTTO", "NATIONAL_NAME", "NO_MARKS", "RECIPIENTS_LABEL", "Basis", "Block", "Heading", "OfficialDocument",
    "PageMarks", "Paragraph", "Signer", "Table", "date_line", "number_line", "number_symbol", "render",
]  # fmt: skip

log = logging.getLogger(__name__)
NO_MARKS = PageMarks()


# --------------------------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: justified, first line indented. `lead` is a bold lead-in such as "Điều 1."."""

    text: str
    bold: bool = False
    italic: bool = False
    indent_first_line: bool = True
    lead: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    """A bold line of its own: centred ("QUYẾT ĐỊNH:", "Chương I") or, with centred=False, indented
    like an article title ("Điều 1. Phạm vi điều chỉnh")."""

    text: str
    centred: bool = True


@dataclass(frozen=True, slots=True)
class Table:
    """A grid inside the body (e.g. an itemised list of belongings).

    `col_widths` are relative weights scaled to the text width (empty = equal columns);
    `align` gives "left", "center" or "right" per column (empty = all left). Cells wrap. `min_row_height` (points)
    leaves room in every row below the header, e.g. for a signature or a thumbprint.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    col_widths: tuple[float, ...] = ()
    align: tuple[Literal["left", "center", "right"], ...] = ()
    min_row_height: float = 0


@dataclass(frozen=True, slots=True)
class Basis:
    """The "Căn cứ …;" lines of a decision, one paragraph each, in italics. The caller writes the
    punctuation: ";" after each, "." (or ";" before "Theo đề nghị …") after the last."""

    lines: tuple[str, ...]


Block = Paragraph | Heading | Table | Basis


@dataclass(frozen=True, slots=True, kw_only=True)
class Signer:
    """One signature block: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / (signature, seal) / "Nguyễn Văn A".

    Keyword-only, so `Signer(authority_line=…, title=…, name=…)` can never swap the lines.

    `hint` is an optional italic line under the title, e.g. "(Ký, ghi rõ họ tên)" on a record.
    """

    title: str
    name: str
    authority_line: str = ""
    hint: str = ""


@dataclass(frozen=True, slots=True)
class OfficialDocument:
    """Everything printed on one administrative document.

    `authority` is the issuing authority printed under the subject of a decision (Mẫu 1.2:
    "GIÁM ĐỐC CƠ SỞ BẢO TRỢ XÃ HỘI TỔNG HỢP"); empty for other kinds. `dated_header=False`
    leaves out the place-and-date line, as Mẫu 1.9 (biên bản cuộc họp) does. `drafter_mark`
    is ô 12 ("PL.(300)"), printed under the recipients. `reference`, when set, is printed in place
    of the "Số: …" line (a paper without a register number, e.g. "Mã hồ sơ: LC-2026-0007").
    `addressee` is ô 9a for a single recipient, printed centred under the title as "Kính gửi: …"
    (e.g. "Trạm Y tế xã Tả Lèng"). `issuer_header=False` is a citizen's application (Mẫu 09 of Decree 20/2021):
    no issuer and no number, the national name and motto centred, the date line under them at the right, as
    `date_text` when set. Signers are laid out `signers_per_row` to a row (two; three on a payment list:
    the list's maker, the accountant, the director).
    """

    parent_agency: str
    issuer: str
    number: str | None
    symbol: str
    place: str
    date: datetime.date
    kind: str
    subject: str
    body: tuple[Block, ...]
    recipients: tuple[str, ...] = ()
    signers: tuple[Signer, ...] = ()
    authority: str = ""
    dated_header: bool = True
    drafter_mark: str = ""
    title: str = ""  # PDF metadata title; defaults to the kind
    reference: str = ""
    addressee: str = ""
    signers_per_row: int = 2
    issuer_header: bool = True  # False: a citizen's application (đơn), the national name alone, centred
    date_text: str = ""  # printed instead of the place and date, e.g. "…, ngày … tháng … năm …" left to fill in


# ----------------------------------------------------------------------------------------- blocks


def _block(block: Block, st: Styles) -> list[Flowable]:
    if isinstance(block, Basis):
        return [para(line, st.basis) for line in block.lines]
    if isinstance(block, Heading):
        return [para(block.text, st.heading if block.centred else st.article)]
    if isinstance(block, Table):
        return [_table(block, st), Spacer(1, PARAGRAPH_SPACE)]
    style = st.basis if block.italic else st.body
    if block.bold:
        style = ParagraphStyle(f"{style.name}-b", parent=style, fontName=f"{st.body.fontName}-Bold")
        if block.italic:
            style.fontName = f"{st.body.fontName}-BoldItalic"
    if not block.indent_first_line:
        style = ParagraphStyle(f"{style.name}-flush", parent=style, firstLineIndent=0)
    text = markup(block.text)
    if block.lead.strip():
        text = f"<b>{markup(block.lead)}</b> {text}"
    return [RLParagraph(text, style)]


_ALIGN: dict[str, Alignment] = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def _table(block: Table, st: Styles) -> RLTable:
    count = max([len(block.headers), *(len(r) for r in block.rows)], default=1)
    weights = list(block.col_widths[:count]) + [1.0] * (count - len(block.col_widths[:count]))
    total = sum(weights) or 1.0
    widths = [TEXT_WIDTH * w / total for w in weights]
    cell_styles = [
        ParagraphStyle(
            f"cell{i}", parent=st.cell, alignment=_ALIGN[block.align[i]] if i < len(block.align) else TA_LEFT
        )
        for i in range(count)
    ]
    data: list[list[Flowable | list[Flowable]]] = []
    if block.headers:
        data.append([para(block.headers[i] if i < len(block.headers) else "", st.cell_head) for i in range(count)])
    for row in block.rows:
        cells: list[Flowable | list[Flowable]] = [para(row[i] if i < len(row) else "", cell_styles[i])
                                                  for i in range(count)]  # fmt: skip
        if block.min_row_height:  # a strut in the last cell: the row is at least that tall
            cells[-1] = [para(row[-1] if len(row) == count else "", cell_styles[-1]), Spacer(1, block.min_row_height)]
        data.append(cells)
    table = RLTable(data, colWidths=widths, repeatRows=1 if block.headers else 0)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


# ----------------------------------------------------------------------------------------- render


def _decorate(marks: PageMarks, canvas: Canvas, doc: BaseDocTemplate) -> None:
    """When a page begins: the stamp; from page 2 the number, upright, centred in the top margin (Phụ lục I,
    I.7)."""
    serif = register_serif()
    draw_stamp(canvas, marks, serif)
    if doc.page < 2:
        return
    canvas.saveState()
    canvas.setFont(serif, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(LEFT_MARGIN + TEXT_WIDTH / 2, PAGE_SIZE[1] - TOP_MARGIN / 2 - 4, str(doc.page))
    canvas.restoreState()


def _overlay(marks: PageMarks, canvas: Canvas, doc: BaseDocTemplate) -> None:
    """When a page ends: the watermark, over the text."""
    draw_watermark(canvas, marks, register_serif())


def render(doc: OfficialDocument, marks: PageMarks = NO_MARKS) -> bytes:
    """The document as an A4 PDF (bytes), with `marks` on every page."""
    doc = normalized(doc)
    st = styles()
    story: list[Flowable] = [*header_section(doc, st), *title_section(doc, st)]
    body = [flowable for block in doc.body for flowable in _block(block, st)]
    signatures, after = closing_section(doc, st)
    # The signatures never stand alone on a page: they take the last body flowable with them.
    tail = body[-1:] if signatures else []
    story += body[: len(body) - len(tail)]
    if signatures:
        story.append(KeepTogether([*tail, *signatures]))
    story += after
    out = io.BytesIO()
    template = BaseDocTemplate(
        out,
        pagesize=PAGE_SIZE,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=nfc(doc.title or doc.kind),
        author=nfc(doc.issuer),
        initialFontName=st.body.fontName,
        initialFontSize=BODY_SIZE,
        invariant=True,
    )
    # No frame padding: the margins are the decree's, and full-width tables must not stick out.
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        TEXT_WIDTH,
        PAGE_SIZE[1] - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=partial(_decorate, marks), onPageEnd=partial(_overlay, marks))]
    )
    template.build(story)
    log.debug("rendered an official document of %d pages", template.page)
    return out.getvalue()
