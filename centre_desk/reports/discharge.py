"""The discharge papers (Decree 20/2021 Art. 30), laid out by reports/official.py (Decree 30/2020/NĐ-CP):

* "discharge-decision" — Quyết định dừng trợ giúp xã hội (Mẫu 1.2 layout; "chấm dứt chăm sóc" when she left
  without permission or died): the bases in force on the decision's date (`admission_papers.legal_bases`, the same
  switch on 01/07/2025 as for admission) and the Mẫu 09 application, the centre's proposing unit, Điều 1 (the person,
  the reason, the day assistance ends), Điều 2 (the hand-over to the family and commune, or the transfer), Điều 3;
* "handover" — Biên bản bàn giao đối tượng về gia đình, cộng đồng (Mẫu 1.9 layout): the parties (the centre's
  officer; the family member; the commune's representative — or the receiving centre for a transfer), the person,
  her condition, the papers, belongings and money handed over, the support given, the follow-up arrangements, the
  signatures and the "Xác nhận của UBND xã …" block;
* "case-summary" — reports/discharge_summary.py;
* "belongings-return" — Biên bản giao trả tài sản, against the admission receipt, item by item with what is missing;
* "discharge-application" — Mẫu số 09 of Decree 20/2021, pre-filled, for the person or her guardian to sign.

The decision and the record are numbered from the outgoing-document register (`REGISTERED`); the others are not.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from centre_desk.formatting import format_number
from centre_desk.reports.admission_papers import (
    PERSON_HINT,
    SIGN_HINT,
    centre_document,
    director,
    legal_bases,
    particulars,
)
from centre_desk.reports.discharge_inputs import KINDS, REGISTERED, DischargePaper, Receiving, Returned
from centre_desk.reports.discharge_summary import case_summary
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
from centre_desk.reports.paper_text import (
    BLANK,
    CHILD_AGE,
    abbreviation_of,
    age_at,
    birth_text,
    home_line,
    id_text,
    items,
    lower_unit_kinds,
    named,
    or_blank,
)
from centre_desk.reports.vietnamese_words import long_date, vnd_in_words
from centre_desk.text import fold

__all__ = ["KINDS", "REGISTERED", "build_paper", "document_of", "render_paper", "symbol_of"]

ENDED = ("absconded", "death")  # care ends without a hand-over: "chấm dứt chăm sóc"
BLANK_DATE = "…, ngày … tháng … năm …"


def symbol_of(kind: str, paper: DischargePaper) -> str:
    return f"{REGISTERED[kind]}-{abbreviation_of(paper.centre)}"


def _document(paper: DischargePaper, **fields: object) -> OfficialDocument:
    return centre_document(paper.centre, paper.number, paper.day, **fields)


def _commune(receiving: Receiving) -> str:
    """ "xã Tả Lèng, tỉnh Lai Châu" (the 2025 two-tier names), "" when not known."""
    return ", ".join(p for p in (receiving.commune_name.strip(), receiving.commune_province.strip()) if p)


def _commune_committee(receiving: Receiving) -> str:
    name = receiving.commune_name.strip()
    return f"Ủy ban nhân dân {lower_unit_kinds(name)}" if name else f"Ủy ban nhân dân xã {BLANK}"


def _transfer(paper: DischargePaper) -> bool:
    return paper.reason == "transfer"


# ------------------------------------------------------------------------------------------ decision


def _bases(paper: DischargePaper) -> list[Block]:
    lines: list[Block] = [*legal_bases(paper.day, paper.centre.founding_decision)]
    if paper.application_on is not None:
        who = paper.applicant_name.strip() or paper.person.full_name
        relation = f" ({paper.applicant_relation.strip()} của {paper.person.full_name})" if (
            paper.applicant_name.strip() and paper.applicant_relation.strip()) else ""  # fmt: skip
        lines.append(Basis((f"Căn cứ Đơn đề nghị dừng trợ giúp xã hội ngày {_short(paper.application_on)} "
                            f"của {who}{relation};",)))  # fmt: skip
    lines.append(Basis((f"Theo đề nghị của {or_blank(paper.centre.proposing_unit).rstrip('.')}.",)))
    return lines


def _short(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _reason_line(paper: DischargePaper) -> str:
    note = paper.reason_note.strip().rstrip(".")
    return f"Lý do: {paper.reason_text}{f' ({note})' if note else ''}"


def _article_2(paper: DischargePaper, who: str) -> str:
    centre, r = paper.centre.centre_name, paper.receiving
    if _transfer(paper):
        where = f" ({r.centre_address.strip()})" if r.centre_address.strip() else ""
        return (f"{centre} có trách nhiệm chuyển {who} cùng hồ sơ, giấy tờ và tài sản giữ hộ đến "
                f"{or_blank(r.centre)}{where} để tiếp tục chăm sóc, hỗ trợ theo quy định.")  # fmt: skip
    if paper.reason == "death":
        return (f"{centre} có trách nhiệm phối hợp với gia đình và cơ quan có thẩm quyền giải quyết việc mai táng "
                "theo quy định; bàn giao giấy tờ, tài sản giữ hộ cho thân nhân.")  # fmt: skip
    if paper.reason == "absconded":
        return (f"{centre} có trách nhiệm thông báo cho gia đình, {_commune_committee(r)} nơi cư trú và cơ quan "
                "công an; bảo quản giấy tờ, tài sản giữ hộ cho đến khi giao trả.")  # fmt: skip
    family = r.family_name.strip()
    relation = f" ({r.family_relation.strip()})" if family and r.family_relation.strip() else ""
    to_family = f"gia đình là ông/bà {family}{relation}" if family else "gia đình"
    return (
        f"{centre} có trách nhiệm bàn giao {who} về {to_family} và {_commune_committee(r)}"
        f"{f', {r.commune_province.strip()}' if r.commune_province.strip() else ''} để tiếp tục hỗ trợ hòa "
        "nhập cộng đồng; giao trả đầy đủ giấy tờ, tài sản giữ hộ; phối hợp theo dõi sau tái hòa nhập."
    )


def discharge_decision(paper: DischargePaper) -> OfficialDocument:
    person, centre, day = paper.person, paper.centre, paper.day
    who = named(person, day)
    ended = paper.reason in ENDED
    what = "Chấm dứt chăm sóc, trợ giúp xã hội" if ended else "Dừng trợ giúp xã hội"
    details = [
        f"{birth_text(person).capitalize()}; giới tính: {person.sex.lower()}; dân tộc: {person.ethnic_group}",
        f"Giấy tờ tùy thân: {id_text(person)}",
        f"Nơi cư trú: {home_line(person.home) or BLANK}",
        f"Đối tượng: {paper.status}; được tiếp nhận vào cơ sở {long_date(paper.admitted_on)}",
        _reason_line(paper),
    ]
    body: list[Block] = [
        *_bases(paper),
        Heading("QUYẾT ĐỊNH:"),
        Paragraph(f"{what} tại {centre.centre_name} đối với {who} kể từ {long_date(paper.ends_on)}:", lead="Điều 1."),
        *items(details),
        Paragraph(_article_2(paper, who), lead="Điều 2."),
        Paragraph(
            "Quyết định này có hiệu lực kể từ ngày ký. Trưởng các phòng, bộ phận chuyên môn thuộc "
            f"{centre.centre_name}, các cơ quan, đơn vị có liên quan và {who} chịu trách nhiệm thi hành "
            "Quyết định này./.",
            lead="Điều 3.",
        ),
    ]
    recipients = ["Như Điều 3"]
    if centre.parent_agency.strip():
        recipients.append(f"{centre.parent_agency} (để báo cáo)")
    if _transfer(paper) and paper.receiving.centre.strip():
        recipients.append(f"{paper.receiving.centre} (để tiếp nhận)")
    elif paper.receiving.commune_name.strip():
        recipients.append(f"{_commune_committee(paper.receiving)} (để phối hợp)")
    recipients.append("Lưu: VT, Hồ sơ đối tượng")
    subject = "Về việc chấm dứt chăm sóc đối tượng tại cơ sở" if ended else "Về việc dừng trợ giúp xã hội tại cơ sở"
    return _document(
        paper, symbol=symbol_of("discharge-decision", paper), kind="QUYẾT ĐỊNH", subject=subject,
        authority=f"GIÁM ĐỐC {centre.centre_name}", body=tuple(body), recipients=tuple(recipients),
        signers=(director(centre),), title="Quyết định dừng trợ giúp xã hội",
    )  # fmt: skip


# ------------------------------------------------------------------------------------------ hand-over


def _officer(paper: DischargePaper) -> str:
    return f"Ông/bà: {or_blank(paper.officer_name)}; chức vụ: {or_blank(paper.officer_title)}"


def _parties(paper: DischargePaper) -> list[Block]:
    r = paper.receiving
    out: list[Block] = [Paragraph(paper.centre.centre_name, lead="1. Bên giao:"), Paragraph(_officer(paper))]
    if _transfer(paper):
        out += [Paragraph(or_blank(r.centre), lead="2. Bên nhận:")]
        if r.centre_address.strip():
            out.append(Paragraph(f"Địa chỉ: {r.centre_address.strip()}"))
        out.append(Paragraph(f"Ông/bà: {or_blank(r.family_name)}; chức vụ: {or_blank(r.family_relation)}"))
        return out
    phone = f"; điện thoại: {r.family_phone.strip()}" if r.family_phone.strip() else ""
    out += [
        Paragraph(
            f"Ông/bà: {or_blank(r.family_name)}; quan hệ với người được bàn giao: {or_blank(r.family_relation)}",
            lead="2. Bên nhận (gia đình):",
        ),
        Paragraph(f"Căn cước công dân số: {or_blank(r.family_id_number)}{phone}"),
        Paragraph(f"Địa chỉ: {or_blank(r.family_address)}"),
        Paragraph(
            f"{_commune_committee(r)}{f', {r.commune_province.strip()}' if r.commune_province.strip() else ''}",
            lead="3. Đại diện chính quyền địa phương:",
        ),
        Paragraph(f"Ông/bà: {or_blank(r.commune_officer)}; chức vụ: {or_blank(r.commune_officer_position)}"),
    ]
    return out


def _handed_table(paper: DischargePaper) -> list[Block]:
    if not paper.returned:
        return [Paragraph("Không có tài sản giữ hộ.")]
    rows = tuple((str(i), line.name, format_number(line.returned) if line.returned is not None else "")
                 for i, line in enumerate(paper.returned, 1))  # fmt: skip
    return [Table(("STT", "Tên tài sản, giấy tờ", "Số lượng giao"), rows, col_widths=(0.9, 8.6, 2.1),
                  align=("center", "left", "center"))]  # fmt: skip


def _money_back(paper: DischargePaper) -> list[Block]:
    if paper.money_returned_vnd is None:
        text = f"Tiền mặt giao trả: {BLANK} đồng."
    elif paper.money_returned_vnd:
        amount = paper.money_returned_vnd
        text = f"Tiền mặt giao trả: {format_number(amount)} đồng (bằng chữ: {vnd_in_words(amount)})."
    else:
        text = "Tiền mặt giao trả: không có."
    out: list[Block] = [Paragraph(text)]
    if paper.money_returned_other.strip():
        out.append(Paragraph(f"Ngoại tệ, tiền khác: {paper.money_returned_other.strip().rstrip('.')}."))
    return out


def _sentence(text: str, empty: str) -> Paragraph:
    return Paragraph(" ".join(text.split()).rstrip(".") + "." if text.strip() else empty)


def _handover_signers(paper: DischargePaper) -> tuple[Signer, ...]:
    giver = Signer(title="ĐẠI DIỆN BÊN GIAO", name=paper.officer_name, hint=SIGN_HINT)
    r = paper.receiving
    if _transfer(paper):
        return (giver, Signer(title="ĐẠI DIỆN BÊN NHẬN", name=r.family_name, hint=SIGN_HINT))
    commune = fold(r.commune_name).split(" ")[0] if r.commune_name.strip() else ""
    unit = {"phuong": "PHƯỜNG", "dac": "ĐẶC KHU"}.get(commune, "XÃ")
    return (
        giver,
        Signer(title="ĐẠI DIỆN GIA ĐÌNH", name=r.family_name, hint=SIGN_HINT),
        Signer(title=f"ĐẠI DIỆN UBND {unit}", name=r.commune_officer, hint=SIGN_HINT),
        Signer(title=f"XÁC NHẬN CỦA UBND {r.commune_name.strip() or 'XÃ'}", name="", hint="(Ký tên, đóng dấu)"),
    )


def handover(paper: DischargePaper) -> OfficialDocument:
    person, centre, day = paper.person, paper.centre, paper.day
    where = centre.centre_name + (f" ({lower_unit_kinds(centre.address)})" if centre.address.strip() else "")
    to = "cho cơ sở tiếp nhận" if _transfer(paper) else "về gia đình, cộng đồng"
    copies = "02 bản, mỗi bên giữ 01 bản" if _transfer(paper) else "03 bản, mỗi bên giữ 01 bản"
    body: list[Block] = [
        Paragraph(f"Hôm nay, {long_date(day)}, tại {where}, chúng tôi gồm:"),
        *_parties(paper),
        Paragraph(
            f"Cùng tiến hành bàn giao đối tượng {to} theo Quyết định dừng trợ giúp xã hội của Giám đốc "
            f"{centre.centre_name}, cụ thể như sau:"
        ),
        Heading("I. Thông tin về người được bàn giao", centred=False),
        *particulars(person, day, "khi bàn giao"),
        Paragraph(
            f"Thời gian được chăm sóc tại cơ sở: từ {_short(paper.admitted_on)} đến {_short(paper.ends_on)}"
            f"; lý do dừng trợ giúp: {paper.reason_text.lower()}."
        ),
        Heading("II. Tình trạng sức khỏe, tâm lý khi rời cơ sở", centred=False),
        _sentence(paper.condition, "Sức khỏe, tâm lý ổn định."),
        Heading("III. Giấy tờ, tài sản, tiền bàn giao", centred=False),
        *items([*paper.documents] or ["Không có giấy tờ bàn giao"]),
        *_handed_table(paper),
        *_money_back(paper),
        Heading("IV. Các hỗ trợ đã nhận", centred=False),
        _sentence(paper.support_given, f"Chăm sóc, nuôi dưỡng tại cơ sở; các hỗ trợ khác: {BLANK}"),
        Heading("V. Theo dõi, hỗ trợ sau bàn giao", centred=False),
        _sentence(paper.follow_up, f"Gia đình và chính quyền địa phương phối hợp theo dõi: {BLANK}"),
        Paragraph(
            f"Biên bản kết thúc cùng ngày, đã được đọc lại cho các bên cùng nghe và thống nhất ký tên. "
            f"Biên bản được lập thành {copies} có giá trị như nhau./."
        ),
    ]
    subject = "Bàn giao đối tượng cho cơ sở tiếp nhận" if _transfer(paper) else (
        "Bàn giao đối tượng về gia đình, cộng đồng")  # fmt: skip
    return _document(
        paper, symbol=symbol_of("handover", paper), kind="BIÊN BẢN", subject=subject, body=tuple(body),
        signers=_handover_signers(paper), dated_header=False, title="Biên bản bàn giao đối tượng",
    )  # fmt: skip


# ---------------------------------------------------------------------------------- belongings return


def _missing(line: Returned) -> str:
    if line.returned is None:
        return ""
    short = line.taken - line.returned
    note = line.missing_note.strip()
    if short <= 0:
        return note
    return f"Thiếu {format_number(short)}{f': {note}' if note else ''}"


def belongings_return(paper: DischargePaper) -> OfficialDocument:
    person, centre, day = paper.person, paper.centre, paper.day
    code = f", mã hồ sơ {person.code}" if person.code.strip() else ""
    body: list[Block] = [
        Paragraph(
            f"Hôm nay, {long_date(day)}, {centre.centre_name} giao trả cho {named(person, day)} ({birth_text(person)}"
            f"{code}) các tài sản, giấy tờ và tiền đã nhận giữ hộ theo Biên nhận tài sản giữ hộ ngày "
            f"{_short(paper.admitted_on)} (mã hồ sơ {or_blank(person.code)}), cụ thể như sau:"
        ),
    ]
    if paper.returned:
        rows = tuple(
            (str(i), line.name, format_number(line.taken),
             format_number(line.returned) if line.returned is not None else "", _missing(line))
            for i, line in enumerate(paper.returned, 1)
        )  # fmt: skip
        body.append(
            Table(
                ("STT", "Tên tài sản, giấy tờ", "SL nhận giữ", "SL giao trả", "Ghi chú"),
                rows,
                col_widths=(0.9, 4.6, 1.5, 1.5, 3.1),
                align=("center", "left", "center", "center", "left"),
            )
        )
        short = [f"{line.name} ({_missing(line)[0].lower()}{_missing(line)[1:]})" for line in paper.returned
                 if _missing(line).startswith("Thiếu")]  # fmt: skip
        body.append(Paragraph("Tài sản, giấy tờ còn thiếu: " + ("; ".join(short) + "." if short else "không có.")))
    else:
        body.append(Paragraph("Không có tài sản, giấy tờ gửi giữ hộ."))
    taken = f"{format_number(paper.money_in_vnd)} đồng" if paper.money_in_vnd else "không có"
    body.append(Paragraph(f"Tiền mặt đã nhận giữ: {taken}."))
    if paper.money_in_other.strip():
        body.append(Paragraph(f"Ngoại tệ, tiền khác đã nhận giữ: {paper.money_in_other.strip().rstrip('.')}."))
    body += [
        *_money_back(paper),
        Paragraph(
            "Người nhận lại đã kiểm tra các tài sản, giấy tờ và tiền nêu trên. Biên bản được lập thành 02 bản, "
            "người nhận lại giữ 01 bản, cơ sở giữ 01 bản./."
        ),
    ]
    age = age_at(person, day)
    if age is not None and age < CHILD_AGE:
        receiver = Signer(title="NGƯỜI NHẬN LẠI", name=person.guardian_name, hint="(Cha mẹ hoặc người giám hộ ký)")
    else:
        receiver = Signer(title="NGƯỜI NHẬN LẠI", name=person.full_name, hint=PERSON_HINT)
    return _document(
        paper, symbol="", reference=f"Mã hồ sơ: {or_blank(person.code)}", kind="BIÊN BẢN",
        subject="Giao trả tài sản, giấy tờ, tiền gửi giữ hộ", body=tuple(body),
        signers=(receiver, Signer(title="NGƯỜI GIAO TRẢ", name=paper.officer_name, hint=SIGN_HINT)),
        dated_header=False, title="Biên bản giao trả tài sản",
    )  # fmt: skip


# ----------------------------------------------------------------------------------------- Mẫu 09


def discharge_application(paper: DischargePaper) -> OfficialDocument:
    """Mẫu số 09 (Decree 20/2021): written by the person or by her guardian, who then adds the person's details."""
    person, centre = paper.person, paper.centre
    guardian = paper.applicant_name.strip()
    home = home_line(person.home) or BLANK
    own = [
        f"Nam, nữ: {person.sex}",
        f"Sinh ngày: {_short(person.birth_date) if person.birth_date else birth_text(person)}",
        f"Số định danh cá nhân hoặc số thẻ căn cước công dân: {person.id_number.strip() or BLANK}; "
        f"cấp ngày: {BLANK}; nơi cấp: {BLANK}",
        f"Trú quán tại: {home}",
    ]
    request = (f"Tôi làm đơn này đề nghị Giám đốc {centre.centre_name} xem xét, giải quyết cho "
               f"{person.full_name if guardian else 'tôi'} được dừng sử dụng dịch vụ trợ giúp xã hội tại cơ sở và được "
               "hỗ trợ hòa nhập cộng đồng.")  # fmt: skip
    body: list[Block] = []
    if guardian:
        relation = f" ({paper.applicant_relation.strip()})" if paper.applicant_relation.strip() else ""
        body += [
            Paragraph(f"Họ và tên người giám hộ: {guardian}{relation}"),
            Paragraph(f"Số định danh cá nhân hoặc số thẻ căn cước công dân: {BLANK}; trú quán tại: {BLANK}"),
            Paragraph(f"Họ và tên đối tượng: {person.full_name}"),
        ]
    else:
        body.append(Paragraph(f"Họ và tên: {person.full_name}"))
    body += [*items(own), Paragraph(request)]
    note = paper.reason_note.strip().rstrip(".")
    body += [
        Paragraph(f"{paper.reason_text}{f' ({note})' if note else ''}.", lead="Lý do đề nghị dừng trợ giúp xã hội tại "
                  "cơ sở:"),
        Paragraph("Trân trọng cảm ơn./."),
    ]  # fmt: skip
    return OfficialDocument(
        parent_agency="", issuer="", number=None, symbol="", place=centre.place_name or "Lai Châu", date=paper.day,
        kind="ĐƠN ĐỀ NGHỊ DỪNG TRỢ GIÚP XÃ HỘI", subject="", addressee=f"Giám đốc {centre.centre_name}",
        body=tuple(body), signers=(Signer(title="ĐỐI TƯỢNG HOẶC NGƯỜI GIÁM HỘ", name=guardian or person.full_name,
                                          hint=SIGN_HINT),),
        issuer_header=False, date_text=BLANK_DATE, title="Đơn đề nghị dừng trợ giúp xã hội",
    )  # fmt: skip


BUILDERS: dict[str, Callable[[DischargePaper], OfficialDocument]] = {
    "discharge-decision": discharge_decision,
    "handover": handover,
    "case-summary": case_summary,
    "belongings-return": belongings_return,
    "discharge-application": discharge_application,
}


def document_of(kind: str) -> Callable[[DischargePaper], OfficialDocument]:
    try:
        return BUILDERS[kind]
    except KeyError:
        raise ValueError(f"unknown discharge paper: {kind}") from None


def build_paper(kind: str, paper: DischargePaper) -> OfficialDocument:
    return document_of(kind)(paper)


def render_paper(kind: str, paper: DischargePaper, marks: PageMarks = NO_MARKS) -> bytes:
    """The paper `kind` (one of KINDS) as PDF bytes, with `marks` on every page."""
    return render(build_paper(kind, paper), marks)
