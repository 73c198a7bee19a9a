"""The care and support plan on paper ("Kế hoạch chăm sóc, trợ giúp", Circular 02/2020 step 2), laid out by
reports/official.py (Decree 30/2020/NĐ-CP).

A plan is a document of the type "Kế hoạch" (Decree 30, Phụ lục III: abbreviation KH): "Số: 03/KH-CSBTXH",
numbered in the register's "KH" sequence once the head of the centre has approved it; before that it prints as a
draft, unnumbered. The bases are the trafficking law in force on the paper's date (Law 53/2024/QH15 and Decree
162/2025/NĐ-CP from 01/07/2025, Law 66/2011/QH12 and Decree 09/2013/NĐ-CP before) and the case-management circular
(⚠ its full title to be checked by the centre), then the needs assessment the plan answers. The actions are a table
by support category (Law 53/2024 Art. 37 cl. 1 letters). The writer signs on the left as "NGƯỜI LẬP KẾ HOẠCH", the
director on the right: the plan is issued, so approved, under the director's signature.

The input (CarePlanPaper) is built by services/care_plan/papers.py, every word already Vietnamese.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from centre_desk.formatting import format_date
from centre_desk.reports.admission_papers import NEW_BASES, NEW_LAW_FROM, OLD_BASES, director
from centre_desk.reports.official import (
    NO_MARKS,
    Basis,
    Block,
    Heading,
    OfficialDocument,
    PageMarks,
    Paragraph,
    Signer,
    Table,
    render,
)
from centre_desk.reports.paper_inputs import CentreHeader, Person
from centre_desk.reports.paper_text import BLANK, abbreviation_of, birth_text, home_line, items, named

__all__ = ["KIND_CODE", "CarePlanPaper", "PaperAction", "care_plan_document", "render_care_plan"]

KIND_CODE = "KH"  # the register's sequence: plans (kế hoạch)
TITLE = "KẾ HOẠCH"
CIRCULAR_02 = (
    "Căn cứ Thông tư số 02/2020/TT-BLĐTBXH ngày 14 tháng 02 năm 2020 của Bộ trưởng Bộ Lao động - Thương binh và Xã "
    "hội hướng dẫn quản lý đối tượng được cung cấp dịch vụ công tác xã hội tại cơ sở trợ giúp xã hội;"
)
ACTION_COLUMNS = (13.0, 33.0, 45.0, 28.0, 25.0, 24.0)  # mm of the 165 mm text width


@dataclass(frozen=True, slots=True)
class PaperAction:
    category: str  # "b) Hỗ trợ y tế"
    action: str
    responsible: str
    target: str  # "30/01/2027" or ""
    status: str  # "Đang thực hiện"


@dataclass(frozen=True, slots=True)
class CarePlanPaper:
    centre: CentreHeader
    person: Person
    admitted_on: datetime.date
    version: int  # the plan's version ("lần 2")
    objectives: str
    period_from: datetime.date
    period_to: datetime.date
    actions: tuple[PaperAction, ...]
    assessed_on: datetime.date | None  # the needs assessment the plan answers
    needs: str
    writer: str
    approved_on: datetime.date | None
    day: datetime.date
    number: str = ""


def symbol_of(centre: CentreHeader) -> str:
    """ "KH-CSBTXH": the plan's symbol (the centre's abbreviation, or its initials when none is set)."""
    return f"{KIND_CODE}-{abbreviation_of(centre)}"


def legal_bases(paper: CarePlanPaper) -> Basis:
    lines = [*(NEW_BASES if paper.day >= NEW_LAW_FROM else OLD_BASES), CIRCULAR_02]
    if paper.assessed_on is not None:
        lines.append(f"Căn cứ kết quả đánh giá nhu cầu của đối tượng ngày {format_date(paper.assessed_on)};")
    lines[-1] = lines[-1].rstrip(";") + "."
    return Basis(tuple(lines))


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else text


def _general(paper: CarePlanPaper) -> list[Block]:
    p = paper.person
    return [
        Heading("I. THÔNG TIN VỀ ĐỐI TƯỢNG", centred=False),
        *items([
            f"Họ và tên: {p.full_name}; mã hồ sơ tại cơ sở: {p.code}",
            f"Giới tính: {p.sex}; {birth_text(p)}; dân tộc: {p.ethnic_group or BLANK}",
            f"Nơi cư trú: {home_line(p.home) or BLANK}",
            f"Ngày tiếp nhận: {format_date(paper.admitted_on)}",
        ]),
    ]  # fmt: skip


def _objectives(paper: CarePlanPaper) -> list[Block]:
    blocks: list[Block] = [Heading("II. NHU CẦU VÀ MỤC TIÊU", centred=False)]
    if paper.needs:
        blocks.append(Paragraph(f"Nhu cầu cần trợ giúp: {_sentence(paper.needs).rstrip('.')}."))
    blocks += [
        Paragraph(f"Mục tiêu: {_sentence(paper.objectives).rstrip('.')}."),
        Paragraph(
            f"Thời gian thực hiện: từ ngày {format_date(paper.period_from)} đến ngày {format_date(paper.period_to)}."
        ),
    ]
    return blocks


def _actions(paper: CarePlanPaper) -> list[Block]:
    rows = tuple(
        (str(n), a.category, _sentence(a.action), a.responsible or BLANK, a.target or "", a.status)
        for n, a in enumerate(paper.actions, 1)
    )
    return [
        Heading("III. CÁC HOẠT ĐỘNG CHĂM SÓC, TRỢ GIÚP", centred=False),
        Table(
            ("STT", "Nội dung trợ giúp", "Hoạt động", "Người phụ trách", "Thời hạn", "Tình trạng"),
            rows, ACTION_COLUMNS, ("center", "left", "left", "left", "center", "left"),
        ),
    ]  # fmt: skip


def _organisation(paper: CarePlanPaper, who: str) -> list[Block]:
    return [
        Heading("IV. TỔ CHỨC THỰC HIỆN", centred=False),
        Paragraph(
            f"Người lập kế hoạch chủ trì, phối hợp với các bộ phận liên quan thực hiện các hoạt động trên; rà soát "
            f"việc thực hiện kế hoạch hằng tháng cùng {who}, báo cáo Giám đốc những thay đổi cần điều chỉnh kế hoạch."
        ),
        Paragraph(
            "Khi kết thúc trợ giúp, người lập kế hoạch đánh giá kết quả thực hiện và đề xuất việc theo dõi, hỗ trợ "
            "sau khi đối tượng rời cơ sở./."
        ),
    ]


def care_plan_document(paper: CarePlanPaper) -> OfficialDocument:
    centre = paper.centre
    who = named(paper.person, paper.admitted_on)
    version = f" (lần {paper.version})" if paper.version > 1 else ""
    writer = Signer(title="NGƯỜI LẬP KẾ HOẠCH", name=paper.writer)
    return OfficialDocument(
        parent_agency=centre.parent_agency,
        issuer=centre.centre_name or "Trung tâm",
        number=paper.number or None,
        symbol=symbol_of(centre),
        place=centre.place_name or "Lai Châu",
        date=paper.day,
        kind=TITLE,
        subject=f"Chăm sóc, trợ giúp đối với {who}{version}",
        body=(
            legal_bases(paper),
            Paragraph(f"{centre.centre_name or 'Trung tâm'} xây dựng kế hoạch chăm sóc, trợ giúp {who} như sau:"),
            *_general(paper),
            *_objectives(paper),
            *_actions(paper),
            *_organisation(paper, who),
        ),
        recipients=("Đối tượng, gia đình", "Các bộ phận liên quan", "Lưu: VT, Hồ sơ đối tượng"),
        signers=(writer, director(centre)),
        title="Kế hoạch chăm sóc, trợ giúp",
    )


def render_care_plan(paper: CarePlanPaper, marks: PageMarks = NO_MARKS) -> bytes:
    return render(care_plan_document(paper), marks)
