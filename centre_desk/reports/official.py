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
import re
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from centre_desk.reports.fonts import register_fonts
from centre_desk.text import nfc, normalized

log = logging.getLogger(__name__)

_Alignment = Literal[0, 1, 2, 4]
TA_LEFT: Literal[0] = 0  # reportlab.lib.enums, typed narrowly for ParagraphStyle
TA_CENTER: Literal[1] = 1
TA_RIGHT: Literal[2] = 2
TA_JUSTIFY: Literal[4] = 4

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"

# Page geometry (Phụ lục I, Phần I, mục I.1-3).
PAGE_SIZE = A4
TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 20 * mm
LEFT_MARGIN = 30 * mm
RIGHT_MARGIN = 15 * mm
TEXT_WIDTH = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN  # 165 mm
HEADER_LEFT = 75 * mm  # agency + number column; the rest (90 mm) holds the national name (88 mm at 12 pt) and date
HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT

# Sizes in points, each inside the decree's range (Phụ lục I, mục II and V).
NATIONAL_NAME_SIZE = 12  # 12-13
MOTTO_SIZE = 13  # 13-14
AGENCY_SIZE = 12  # 12-13
NUMBER_SIZE = 13  # exactly 13
DATE_SIZE = 14  # 13-14
KIND_SIZE = 14  # 13-14
BODY_SIZE = 14  # 13-14
TABLE_SIZE = 12  # tables inside the body: not set by the decree
SIGNER_SIZE = 14  # 13-14
RECIPIENTS_LABEL_SIZE = 12  # exactly 12
RECIPIENTS_SIZE = 11  # exactly 11
DRAFTER_SIZE = 11  # ô 12
PAGE_NUMBER_SIZE = 13  # 13-14
LINE_SPACING = 1.2  # "từ dòng đơn đến 1,5 lines"
PARAGRAPH_SPACE = 6  # "tối thiểu là 6pt"
FIRST_LINE_INDENT = 1.27 * cm  # "1 cm hoặc 1,27 cm"
SHORT_RULE = 0.4  # rules under the issuer and the subject: "từ 1/3 đến 1/2 độ dài của dòng chữ"
SIGNATURE_SPACE = 28 * mm  # room for the handwritten signature and the seal
RULE_WIDTH = 0.6


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
    `align` gives "left", "center" or "right" per column (empty = all left). Cells wrap.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    col_widths: tuple[float, ...] = ()
    align: tuple[Literal["left", "center", "right"], ...] = ()


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
    is ô 12 ("PL.(300)"), printed under the recipients.
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


# ------------------------------------------------------------------------------------- text rules


def date_line(place: str, date: datetime.date) -> str:
    """ "Lai Châu, ngày 05 tháng 02 năm 2026": a leading 0 for days below 10 and for months 1 and 2
    only (Phụ lục I, II.4.b), so 5 March is "ngày 05 tháng 3"."""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return nfc(f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}")


_BLANK_NUMBER = " " * 5  # with the space after the colon: six blanks for the clerk to write in


def number_line(number: str | None, symbol: str) -> str:
    """ "Số: 12/QĐ-BTXH"; numbers below 10 get a leading 0 (II.3.c); without a number yet the space
    is left blank for the clerk: "Số:      /QĐ-BTXH"."""
    value = (number or "").strip()
    if value.isdigit() and int(value) < 10:
        value = f"{int(value):02d}"
    return nfc(f"Số: {value or _BLANK_NUMBER}/{symbol.strip()}")


def _recipient_lines(recipients: tuple[str, ...]) -> list[str]:
    """ "- Như Điều 3;" … "- Lưu: VT, HS." — a dash in front, ";" after each, "." after the last."""
    lines = []
    for index, raw in enumerate(recipients):
        text = raw.strip().lstrip("-").strip().rstrip(";.").rstrip()
        end = "." if index == len(recipients) - 1 else ";"
        lines.append(f"- {text}{end}")
    return lines


# ----------------------------------------------------------------------------------------- styles


@dataclass(frozen=True, slots=True)
class _Styles:
    parent: ParagraphStyle
    issuer: ParagraphStyle
    number: ParagraphStyle
    national: ParagraphStyle
    motto: ParagraphStyle
    date: ParagraphStyle
    kind: ParagraphStyle
    subject: ParagraphStyle
    authority: ParagraphStyle
    body: ParagraphStyle
    basis: ParagraphStyle
    heading: ParagraphStyle
    article: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    signer: ParagraphStyle
    hint: ParagraphStyle
    recipients_label: ParagraphStyle
    recipient: ParagraphStyle
    drafter: ParagraphStyle


def _styles() -> _Styles:
    serif, _sans = register_fonts()
    bold, italic, bold_italic = f"{serif}-Bold", f"{serif}-Italic", f"{serif}-BoldItalic"

    def style(
        name: str,
        size: float,
        font: str = serif,
        align: _Alignment = TA_CENTER,
        *,
        before: float = 0,
        after: float = 0,
        indent: float = 0,
        left: float = 0,
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            bulletFontName=font,
            fontSize=size,
            leading=round(size * LINE_SPACING, 1),
            alignment=align,
            spaceBefore=before,
            spaceAfter=after,
            firstLineIndent=indent,
            leftIndent=left,
        )

    return _Styles(
        parent=style("parent", AGENCY_SIZE),
        issuer=style("issuer", AGENCY_SIZE, bold),
        number=style("number", NUMBER_SIZE),
        national=style("national", NATIONAL_NAME_SIZE, bold),
        motto=style("motto", MOTTO_SIZE, bold),
        date=style("date", DATE_SIZE, italic),
        kind=style("kind", KIND_SIZE, bold),
        subject=style("subject", KIND_SIZE, bold),
        authority=style("authority", KIND_SIZE, bold, before=PARAGRAPH_SPACE, after=PARAGRAPH_SPACE),
        body=style("body", BODY_SIZE, serif, TA_JUSTIFY, indent=FIRST_LINE_INDENT, after=PARAGRAPH_SPACE),
        basis=style("basis", BODY_SIZE, italic, TA_JUSTIFY, indent=FIRST_LINE_INDENT, after=PARAGRAPH_SPACE),
        heading=style("heading", BODY_SIZE, bold, before=PARAGRAPH_SPACE, after=PARAGRAPH_SPACE),
        article=style("article", BODY_SIZE, bold, TA_JUSTIFY, indent=FIRST_LINE_INDENT, after=PARAGRAPH_SPACE),
        cell=style("cell", TABLE_SIZE, serif, TA_LEFT),
        cell_head=style("cell_head", TABLE_SIZE, bold),
        signer=style("signer", SIGNER_SIZE, bold),
        hint=style("hint", SIGNER_SIZE - 1, italic),
        recipients_label=style("recipients_label", RECIPIENTS_LABEL_SIZE, bold_italic, TA_LEFT),
        recipient=style("recipient", RECIPIENTS_SIZE, serif, TA_LEFT, left=8, indent=-8),
        drafter=style("drafter", DRAFTER_SIZE, serif, TA_LEFT, before=PARAGRAPH_SPACE),
    )


def _markup(text: str) -> str:
    """Escape for reportlab's mini-HTML; keep runs of spaces (the blank document number) and
    explicit line breaks (to split a long agency name where the clerk wants it)."""
    escaped = escape(nfc(text).strip())
    escaped = re.sub(r" {2,}", lambda m: "&nbsp;" * len(m.group(0)), escaped)
    return re.sub(r"\s*\n\s*", "<br/>", escaped)


def _para(text: str, style: ParagraphStyle) -> RLParagraph:
    return RLParagraph(_markup(text), style)


# ------------------------------------------------------------------------------------- flowables


class _Ruled(Flowable):
    """A paragraph with a centred horizontal rule under it, `fraction` of its longest line long."""

    def __init__(self, paragraph: RLParagraph, fraction: float, gap: float = 5) -> None:
        super().__init__()
        self._paragraph = paragraph
        self._fraction = fraction
        self._gap = gap
        self._text_height = 0.0
        self._line_width = 0.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        _w, self._text_height = self._paragraph.wrap(aW, aH)
        widths = self._paragraph.getActualLineWidths0()
        self._line_width = (max(widths) if widths else 0.0) * self._fraction
        self.height = self._text_height + self._gap + RULE_WIDTH
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self._paragraph.drawOn(canvas, 0, self._gap + RULE_WIDTH)
        canvas.setLineWidth(RULE_WIDTH)
        left = (self.width - self._line_width) / 2
        canvas.line(left, RULE_WIDTH / 2, left + self._line_width, RULE_WIDTH / 2)


def _stack_table(columns: list[list[Flowable]], widths: list[float], first_top_pad: float = 0) -> RLTable:
    """One row of side-by-side flowable stacks, no borders, no padding, tops aligned."""
    table = RLTable([columns], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),  # reportlab's cell default is Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, -1), first_top_pad),
            ]
        )
    )
    return table


# -------------------------------------------------------------------------------------- sections


def _header(doc: OfficialDocument, st: _Styles) -> list[Flowable]:
    left: list[Flowable] = []
    if doc.parent_agency.strip():
        left.append(_para(doc.parent_agency.upper(), st.parent))
    left.append(_Ruled(_para(doc.issuer.upper(), st.issuer), SHORT_RULE))
    right: list[Flowable] = [
        _para(NATIONAL_NAME, st.national),
        _Ruled(_para(MOTTO, st.motto), 1.0),
    ]
    top = _stack_table([left, right], [HEADER_LEFT, HEADER_RIGHT])
    number = _para(number_line(doc.number, doc.symbol), st.number)
    date: list[Flowable] = [_para(date_line(doc.place, doc.date), st.date)] if doc.dated_header else []
    # ô 3 and ô 4 "trên cùng một dòng"; the number is 13 pt and the date 14 pt, so align baselines.
    second = _stack_table([[number], date], [HEADER_LEFT, HEADER_RIGHT], first_top_pad=(DATE_SIZE - NUMBER_SIZE) * 0.9)
    return [top, Spacer(1, 8), second]


def _title(doc: OfficialDocument, st: _Styles) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 18), _para(doc.kind.upper(), st.kind)]
    if doc.subject.strip():
        out.append(_Ruled(_para(doc.subject, st.subject), SHORT_RULE))
    if doc.authority.strip():
        out.append(_para(doc.authority.upper(), st.authority))
    out.append(Spacer(1, 12))
    return out


def _block(block: Block, st: _Styles) -> list[Flowable]:
    if isinstance(block, Basis):
        return [_para(line, st.basis) for line in block.lines]
    if isinstance(block, Heading):
        return [_para(block.text, st.heading if block.centred else st.article)]
    if isinstance(block, Table):
        return [_table(block, st), Spacer(1, PARAGRAPH_SPACE)]
    style = st.basis if block.italic else st.body
    if block.bold:
        style = ParagraphStyle(f"{style.name}-b", parent=style, fontName=f"{st.body.fontName}-Bold")
        if block.italic:
            style.fontName = f"{st.body.fontName}-BoldItalic"
    if not block.indent_first_line:
        style = ParagraphStyle(f"{style.name}-flush", parent=style, firstLineIndent=0)
    text = _markup(block.text)
    if block.lead.strip():
        text = f"<b>{_markup(block.lead)}</b> {text}"
    return [RLParagraph(text, style)]


_ALIGN: dict[str, _Alignment] = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def _table(block: Table, st: _Styles) -> RLTable:
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
    data: list[list[Flowable]] = []
    if block.headers:
        data.append([_para(block.headers[i] if i < len(block.headers) else "", st.cell_head) for i in range(count)])
    for row in block.rows:
        data.append([_para(row[i] if i < len(row) else "", cell_styles[i]) for i in range(count)])
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


def _signature(signer: Signer, st: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if signer.authority_line.strip():
        out.append(_para(signer.authority_line.upper(), st.signer))
    out.append(_para(signer.title.upper(), st.signer))
    if signer.hint.strip():
        out.append(_para(signer.hint, st.hint))
    out += [Spacer(1, SIGNATURE_SPACE), _para(signer.name, st.signer)]
    return out


def _recipients(doc: OfficialDocument, st: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if doc.recipients:
        out.append(_para(RECIPIENTS_LABEL, st.recipients_label))
        out += [_para(line, st.recipient) for line in _recipient_lines(doc.recipients)]
    if doc.drafter_mark.strip():
        out.append(_para(doc.drafter_mark, st.drafter))
    return out


def _closing(doc: OfficialDocument, st: _Styles) -> tuple[list[Flowable], list[Flowable]]:
    """(signatures, what may follow on the next page). With one signer "Nơi nhận:" sits on the left,
    level with the signer's first line (II.9.d); with two or more the signers share the width and the
    recipients follow underneath, as in Mẫu 1.9."""
    recipients = _recipients(doc, st)
    if len(doc.signers) <= 1:
        sign = _signature(doc.signers[0], st) if doc.signers else []
        if not recipients and not sign:
            return [], []
        # "Nơi nhận:" is 12 pt and the signer's line 14 pt: lower it by the ascent difference.
        pad = (SIGNER_SIZE - RECIPIENTS_LABEL_SIZE) * 0.9
        return [Spacer(1, 6), _stack_table([recipients, sign], [HEADER_LEFT, HEADER_RIGHT], pad)], []
    width = TEXT_WIDTH / len(doc.signers)
    signs = _stack_table([_signature(s, st) for s in doc.signers], [width] * len(doc.signers))
    return [Spacer(1, 6), signs], ([Spacer(1, 12), KeepTogether(recipients)] if recipients else [])


# ----------------------------------------------------------------------------------------- render


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """From page 2: the number, upright, centred in the top margin (Phụ lục I, I.7)."""
    if doc.page < 2:
        return
    serif, _sans = register_fonts()
    canvas.saveState()
    canvas.setFont(serif, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(LEFT_MARGIN + TEXT_WIDTH / 2, PAGE_SIZE[1] - TOP_MARGIN / 2 - 4, str(doc.page))
    canvas.restoreState()


def render(doc: OfficialDocument) -> bytes:
    """The document as an A4 PDF (bytes)."""
    doc = normalized(doc)
    st = _styles()
    story: list[Flowable] = [*_header(doc, st), *_title(doc, st)]
    body = [flowable for block in doc.body for flowable in _block(block, st)]
    signatures, after = _closing(doc, st)
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
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_number)])
    template.build(story)
    log.debug("rendered an official document of %d pages", template.page)
    return out.getvalue()
