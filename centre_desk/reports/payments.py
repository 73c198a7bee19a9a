"""The payment list on paper ("Danh sách chi trả", Decree 30/2020 layout by reports/official.py): the residents paid
a support of one category (or every category) for a period, each with the amount and room to sign or press a
thumbprint when the money is handed over; the total in figures and in words; signed by the list's maker, the
accountant and the director, three in a row. No recipients: the list stays with the accountant.

A list is a document of the type "Danh sách" (Decree 30, Phụ lục III: DS), numbered in the register's "DS" sequence
when issued: "Số: 04/DS-CSBTXH". The bases are the trafficking law in force at the end of the period (Law 53/2024/QH15
and Decree 162/2025/NĐ-CP from 01/07/2025, Law 66/2011/QH12 and Decree 09/2013/NĐ-CP before). The input
(PaymentListPaper) is built by services/payments/papers.py, every word already Vietnamese.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from centre_desk.formatting import format_date, format_number
from centre_desk.reports.admission_papers import NEW_BASES, NEW_LAW_FROM, OLD_BASES, director
from centre_desk.reports.official import (
    NO_MARKS,
    Basis,
    OfficialDocument,
    PageMarks,
    Paragraph,
    Signer,
    Table,
    render,
)
from centre_desk.reports.paper_inputs import CentreHeader
from centre_desk.reports.paper_text import abbreviation_of
from centre_desk.reports.vietnamese_words import vnd_in_words

__all__ = ["KIND_CODE", "PaperLine", "PaymentListPaper", "payment_list_document", "render_payment_list"]

KIND_CODE = "DS"  # the register's sequence: lists (danh sách)
HEADERS = ("STT", "Họ và tên", "Mã hồ sơ", "Nội dung", "Số tiền (đồng)", "Ký nhận hoặc điểm chỉ")
WIDTHS = (11.0, 35.0, 30.0, 36.0, 25.0, 28.0)  # mm of the 165 mm text width
SIGN_ROOM = 30.0  # points: a signature or a thumbprint


@dataclass(frozen=True, slots=True)
class PaperLine:
    name: str
    code: str
    content: str  # "Hỗ trợ nhu cầu thiết yếu tháng 03/2026 (31 ngày)"
    amount: int


@dataclass(frozen=True, slots=True)
class PaymentListPaper:
    centre: CentreHeader
    period_from: datetime.date
    period_to: datetime.date
    support: str  # "hỗ trợ nhu cầu thiết yếu", "" for every category
    lines: tuple[PaperLine, ...]
    writer: str  # the list's maker (người lập danh sách)
    day: datetime.date
    number: str = ""

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def symbol_of(centre: CentreHeader) -> str:
    return f"{KIND_CODE}-{abbreviation_of(centre)}"


def subject_of(paper: PaymentListPaper) -> str:
    what = f"Chi trả {paper.support}" if paper.support else "Chi trả các khoản hỗ trợ"
    return f"{what} cho đối tượng từ ngày {format_date(paper.period_from)} đến ngày {format_date(paper.period_to)}"


def payment_list_document(paper: PaymentListPaper) -> OfficialDocument:
    centre = paper.centre
    bases = [*(NEW_BASES if paper.period_to >= NEW_LAW_FROM else OLD_BASES)]
    bases.append("Căn cứ mức hỗ trợ do cơ quan có thẩm quyền quy định và dự toán được giao.")
    rows = tuple((str(n), line.name, line.code, line.content, format_number(line.amount), "")
                 for n, line in enumerate(paper.lines, 1))  # fmt: skip
    total = ("", "Tổng cộng", "", f"{len(paper.lines)} người", format_number(paper.total), "")
    return OfficialDocument(
        parent_agency=centre.parent_agency,
        issuer=centre.centre_name or "Trung tâm",
        number=paper.number or None,
        symbol=symbol_of(centre),
        place=centre.place_name or "Lai Châu",
        date=paper.day,
        kind="DANH SÁCH",
        subject=subject_of(paper),
        body=(
            Basis(tuple(bases)),
            Paragraph(f"{centre.centre_name or 'Trung tâm'} lập danh sách chi trả cho các đối tượng sau:"),
            Table(
                HEADERS,
                (*rows, total),
                WIDTHS,
                ("center", "left", "center", "left", "right", "center"),
                min_row_height=SIGN_ROOM,
            ),
            Paragraph(f"Tổng số tiền bằng chữ: {vnd_in_words(paper.total)}./.", italic=True),
        ),
        signers=(
            Signer(title="NGƯỜI LẬP\nDANH SÁCH", name=paper.writer, hint="(Ký, ghi rõ họ tên)"),
            Signer(title="KẾ TOÁN", name="", hint="(Ký, ghi rõ họ tên)"),
            replace(director(centre), hint="(Ký, ghi rõ họ tên, đóng dấu)"),
        ),
        title="Danh sách chi trả hỗ trợ",
        signers_per_row=3,
    )


def render_payment_list(paper: PaymentListPaper, marks: PageMarks = NO_MARKS) -> bytes:
    return render(payment_list_document(paper), marks)
