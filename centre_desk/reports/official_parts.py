"""Building blocks of the Decree 30/2020 layout used by reports/official.py: page geometry and type
sizes, the place-and-date and number lines, paragraph styles, the two-column header, the title, the
signature blocks and the recipients ("Nơi nhận:"). official.py assembles them; import from there."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from centre_desk.reports.fonts import register_serif
from centre_desk.text import nfc

if TYPE_CHECKING:
    from centre_desk.reports.official import OfficialDocument, Signer

Alignment = Literal[0, 1, 2, 4]
TA_LEFT: Literal[0] = 0  # reportlab.lib.enums, typed narrowly for ParagraphStyle
TA_CENTER: Literal[1] = 1
TA_RIGHT: Literal[2] = 2
TA_JUSTIFY: Literal[4] = 4

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
ADDRESSEE_LABEL = "Kính gửi:"

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


# ------------------------------------------------------------------------------------- text rules


def date_line(place: str, date: datetime.date) -> str:
    """ "Lai Châu, ngày 05 tháng 02 năm 2026": a leading 0 for days below 10 and for months 1 and 2
    only (Phụ lục I, II.4.b), so 5 March is "ngày 05 tháng 3"."""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return nfc(f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}")


_BLANK_NUMBER = " " * 5  # with the space after the colon: six blanks for the clerk to write in


def number_symbol(number: str | int | None, symbol: str) -> str:
    """ "12/QĐ-BTXH"; numbers below 10 get a leading 0 (II.3.c): "05/QĐ-BTXH"; without a number the
    space is left blank for the clerk: "     /QĐ-BTXH"."""
    value = str(number if number is not None else "").strip()
    if value.isdigit() and int(value) < 10:
        value = f"{int(value):02d}"
    return nfc(f"{value or _BLANK_NUMBER}/{symbol.strip()}")


def number_line(number: str | None, symbol: str) -> str:
    """ "Số: 12/QĐ-BTXH", or "Số:      /QĐ-BTXH" with the number left blank."""
    return f"Số: {number_symbol(number, symbol)}"


def recipient_lines(recipients: tuple[str, ...]) -> list[str]:
    """ "- Như Điều 3;" … "- Lưu: VT, HS." — a dash in front, ";" after each, "." after the last."""
    lines = []
    for index, raw in enumerate(recipients):
        text = raw.strip().lstrip("-").strip().rstrip(";.").rstrip()
        end = "." if index == len(recipients) - 1 else ";"
        lines.append(f"- {text}{end}")
    return lines


# ----------------------------------------------------------------------------------------- styles


@dataclass(frozen=True, slots=True)
class Styles:
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
    addressee: ParagraphStyle


def styles() -> Styles:
    serif = register_serif()
    bold, italic, bold_italic = f"{serif}-Bold", f"{serif}-Italic", f"{serif}-BoldItalic"

    def style(
        name: str,
        size: float,
        font: str = serif,
        align: Alignment = TA_CENTER,
        *,
        before: float = 0,
        after: float = 0,
        indent: float = 0,
        left: float = 0,
        keep: bool = False,
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
            keepWithNext=int(keep),  # a heading never ends a page without what it heads
        )

    return Styles(
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
        heading=style("heading", BODY_SIZE, bold, before=PARAGRAPH_SPACE, after=PARAGRAPH_SPACE, keep=True),
        article=style(
            "article", BODY_SIZE, bold, TA_JUSTIFY, indent=FIRST_LINE_INDENT, after=PARAGRAPH_SPACE, keep=True
        ),
        cell=style("cell", TABLE_SIZE, serif, TA_LEFT),
        cell_head=style("cell_head", TABLE_SIZE, bold),
        signer=style("signer", SIGNER_SIZE, bold),
        hint=style("hint", SIGNER_SIZE - 1, italic),
        recipients_label=style("recipients_label", RECIPIENTS_LABEL_SIZE, bold_italic, TA_LEFT),
        recipient=style("recipient", RECIPIENTS_SIZE, serif, TA_LEFT, left=8, indent=-8),
        drafter=style("drafter", DRAFTER_SIZE, serif, TA_LEFT, before=PARAGRAPH_SPACE),
        addressee=style("addressee", BODY_SIZE),
    )


def markup(text: str) -> str:
    """Escape for reportlab's mini-HTML; keep runs of spaces (the blank document number) and
    explicit line breaks (to split a long agency name where the clerk wants it)."""
    escaped = escape(nfc(text).strip())
    escaped = re.sub(r" {2,}", lambda m: "&nbsp;" * len(m.group(0)), escaped)
    return re.sub(r"\s*\n\s*", "<br/>", escaped)


def para(text: str, style: ParagraphStyle) -> RLParagraph:
    return RLParagraph(markup(text), style)


# ------------------------------------------------------------------------------------- flowables


class Ruled(Flowable):
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


def stack_table(columns: list[list[Flowable]], widths: list[float], first_top_pad: float = 0) -> RLTable:
    """One row of side-by-side flowable stacks, no borders, no padding, tops aligned."""
    table = RLTable([columns], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), register_serif()),  # reportlab's cell default is Helvetica
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


def header_section(doc: OfficialDocument, st: Styles) -> list[Flowable]:
    date: list[Flowable] = [para(doc.date_text or date_line(doc.place, doc.date), st.date)] if doc.dated_header else []
    if not doc.issuer_header:  # an application: the national name and motto centred, the date at the right
        national = [para(NATIONAL_NAME, st.national), Ruled(para(MOTTO, st.motto), 1.0)]
        return [*national, Spacer(1, 8), stack_table([[], date], [HEADER_LEFT, HEADER_RIGHT])]
    left: list[Flowable] = []
    if doc.parent_agency.strip():
        left.append(para(doc.parent_agency.upper(), st.parent))
    left.append(Ruled(para(doc.issuer.upper(), st.issuer), SHORT_RULE))
    right: list[Flowable] = [
        para(NATIONAL_NAME, st.national),
        Ruled(para(MOTTO, st.motto), 1.0),
    ]
    top = stack_table([left, right], [HEADER_LEFT, HEADER_RIGHT])
    number = para(doc.reference or number_line(doc.number, doc.symbol), st.number)
    # ô 3 and ô 4 "trên cùng một dòng"; the number is 13 pt and the date 14 pt, so align baselines.
    second = stack_table([[number], date], [HEADER_LEFT, HEADER_RIGHT], first_top_pad=(DATE_SIZE - NUMBER_SIZE) * 0.9)
    return [top, Spacer(1, 8), second]


def title_section(doc: OfficialDocument, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 18), para(doc.kind.upper(), st.kind)]
    if doc.subject.strip():
        out.append(Ruled(para(doc.subject, st.subject), SHORT_RULE))
    if doc.authority.strip():
        out.append(para(doc.authority.upper(), st.authority))
    if doc.addressee.strip():  # ô 9a, one recipient: "Kính gửi:" and the name on the same line, upright
        out += [Spacer(1, 12), para(f"{ADDRESSEE_LABEL} {doc.addressee.strip().rstrip('.')}.", st.addressee)]
    out.append(Spacer(1, 12))
    return out


def signature(signer: Signer, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if signer.authority_line.strip():
        out.append(para(signer.authority_line.upper(), st.signer))
    out.append(para(signer.title.upper(), st.signer))
    if signer.hint.strip():
        out.append(para(signer.hint, st.hint))
    out += [Spacer(1, SIGNATURE_SPACE), para(signer.name, st.signer)]
    return out


def recipients_section(doc: OfficialDocument, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if doc.recipients:
        out.append(para(RECIPIENTS_LABEL, st.recipients_label))
        out += [para(line, st.recipient) for line in recipient_lines(doc.recipients)]
    if doc.drafter_mark.strip():
        out.append(para(doc.drafter_mark, st.drafter))
    return out


def closing_section(doc: OfficialDocument, st: Styles) -> tuple[list[Flowable], list[Flowable]]:
    """(signatures, what may follow on the next page). With one signer "Nơi nhận:" sits on the left,
    level with the signer's first line (II.9.d); with two or more the signers stand two to a row and
    the recipients follow underneath, as in Mẫu 1.9."""
    recipients = recipients_section(doc, st)
    if len(doc.signers) <= 1:
        sign = signature(doc.signers[0], st) if doc.signers else []
        if not recipients and not sign:
            return [], []
        # "Nơi nhận:" is 12 pt and the signer's line 14 pt: lower it by the ascent difference.
        pad = (SIGNER_SIZE - RECIPIENTS_LABEL_SIZE) * 0.9
        return [Spacer(1, 6), stack_table([recipients, sign], [HEADER_LEFT, HEADER_RIGHT], pad)], []
    # Two signers to a row (a record with the person and a guardian signing has two rows), or as many as asked.
    out: list[Flowable] = []
    per_row = max(2, doc.signers_per_row)
    for start in range(0, len(doc.signers), per_row):
        row = [signature(s, st) for s in doc.signers[start : start + per_row]]
        out += [Spacer(1, 6 if start == 0 else 18), stack_table(row, [TEXT_WIDTH / per_row] * len(row))]
    return out, ([Spacer(1, 12), KeepTogether(recipients)] if recipients else [])
