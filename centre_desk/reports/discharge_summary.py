"""The case summary ("TÓM TẮT HỒ SƠ") for the receiving commune or centre, laid out by reports/official.py.

The particulars, the stay, the support given (the care plan's actions, schooling, the payments made), the health in
brief and the follow-up plan. The sensitive parts — the person's own account, sensitive health, the counsellor's
notes — are printed only when they were ticked (services/discharge/papers.py checks the rights, the sharing consent
or legal basis, and audits the choice); the summary says on what basis it is shared and that it is confidential.
"""

from __future__ import annotations

from centre_desk.formatting import format_date, format_number
from centre_desk.reports.admission_papers import centre_document, director, particulars
from centre_desk.reports.discharge_inputs import COUNSELLING_NOTES, NARRATIVE, SENSITIVE_HEALTH, DischargePaper
from centre_desk.reports.official import Block, Heading, OfficialDocument, Paragraph
from centre_desk.reports.paper_text import BLANK, items, lower_unit_kinds, or_blank
from centre_desk.reports.vietnamese_words import vnd_in_words

__all__ = ["case_summary"]

NONE = "Không có"


def _lines(lines: tuple[str, ...], empty: str = NONE) -> list[Paragraph]:
    return items([*lines] or [empty])


def addressee_of(paper: DischargePaper) -> str:
    r = paper.receiving
    if paper.reason == "transfer":
        return or_blank(r.centre)
    if r.commune_name.strip():
        province = f", {r.commune_province.strip()}" if r.commune_province.strip() else ""
        return f"Ủy ban nhân dân {lower_unit_kinds(r.commune_name.strip())}{province}"
    return f"Ủy ban nhân dân xã {BLANK}"


def _sensitive(paper: DischargePaper) -> list[Block]:
    facts, out = paper.summary, list[Block]()
    numerals = iter(("VI", "VII", "VIII"))
    if NARRATIVE in facts.included:
        out += [Heading(f"{next(numerals)}. Lời kể của đối tượng", centred=False)]
        paragraphs = [p for p in facts.narrative.splitlines() if p.strip()] or [NONE]
        out += [Paragraph(p.strip()) for p in paragraphs]
    if SENSITIVE_HEALTH in facts.included:
        out += [Heading(f"{next(numerals)}. Thông tin sức khỏe cần bảo mật", centred=False),
                *_lines(facts.sensitive_health)]  # fmt: skip
    if COUNSELLING_NOTES in facts.included:
        out += [Heading(f"{next(numerals)}. Ghi chép tham vấn tâm lý", centred=False),
                *_lines(facts.counselling_notes)]  # fmt: skip
    return out


def case_summary(paper: DischargePaper) -> OfficialDocument:
    person, centre, facts, day = paper.person, paper.centre, paper.summary, paper.day
    paid = facts.payments_total
    total = f"Tổng số tiền đã chi trả: {format_number(paid)} đồng (bằng chữ: {vnd_in_words(paid)})." if paid else ""
    basis = facts.sharing_basis.strip().rstrip(".") or BLANK
    body: list[Block] = [
        Heading("I. Thông tin cá nhân", centred=False),
        *particulars(person, day, "khi rời cơ sở"),
        Heading("II. Quá trình chăm sóc tại cơ sở", centred=False),
        *items(
            [
                f"Ngày tiếp nhận: {format_date(paper.admitted_on)}; đối tượng: {paper.status}",
                f"Ngày dừng trợ giúp: {format_date(paper.ends_on)}; lý do: {paper.reason_text.lower()}",
            ]
        ),
        Heading("III. Các hỗ trợ đã nhận", centred=False),
        Paragraph("1. Kế hoạch chăm sóc, trợ giúp:"),
        *_lines(facts.support, "Chưa có kế hoạch được ghi nhận"),
        Paragraph("2. Học văn hóa, học nghề:"),
        *_lines(facts.schooling),
        Paragraph("3. Chi trả hỗ trợ:"),
        *_lines(facts.payments),
        *([Paragraph(total)] if total else []),
        Heading("IV. Tình hình sức khỏe (tóm tắt)", centred=False),
        *_lines(facts.health, "Không ghi nhận vấn đề sức khỏe cần lưu ý"),
        Heading("V. Kế hoạch theo dõi sau tái hòa nhập", centred=False),
        Paragraph(" ".join(paper.follow_up.split()).rstrip(".") + "." if paper.follow_up.strip() else BLANK),
        *_sensitive(paper),
        Paragraph(
            f"Thông tin trong tóm tắt hồ sơ được chia sẻ trên cơ sở {basis}. Cơ quan, đơn vị nhận có trách "
            "nhiệm giữ bí mật thông tin cá nhân của đối tượng, chỉ sử dụng để tiếp tục hỗ trợ, không cung cấp "
            "cho bên thứ ba./.",
            italic=True,
        ),
    ]
    return centre_document(
        centre, "", day, symbol="", reference=f"Mã hồ sơ: {or_blank(person.code)}", kind="TÓM TẮT HỒ SƠ",
        subject=f"Đối tượng {person.full_name}", addressee=addressee_of(paper), body=tuple(body),
        recipients=("Như trên", "Lưu: Hồ sơ đối tượng"), signers=(director(centre),), title="Tóm tắt hồ sơ",
    )  # fmt: skip
