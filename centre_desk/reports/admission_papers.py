"""The three admission papers, laid out by reports/official.py (Decree 30/2020/NĐ-CP):

* "admission-record" — Biên bản tiếp nhận (Mẫu 1.9 layout: no place-and-date line in the header,
  time and place in the first sentence): the parties (no handing-over party for a self-referral), the
  person, circumstances, documents, belongings and money, initial condition; signed by both parties and
  by the person — or, for a child under 16, a parent or guardian; a person of 16–17 signs with them;
* "admission-decision" — Quyết định tiếp nhận (Mẫu 1.2): legal bases chosen by the admission date
  (`legal_bases`), proposed by the centre's own unit, Điều 1–3, recipients, the director's signature;
* "belongings-receipt" — Biên nhận tài sản giữ hộ: the itemised table, money in figures and words
  (`vnd_in_words`), the undertaking to return everything at discharge; a guardian signs for a child.

The decision and the record take their number from the outgoing-document register (`REGISTERED`);
the receipt carries the resident's file code instead. The input is plain frozen data with every label
already in Vietnamese (documents are always Vietnamese, whatever the screen language); the service
layer fills it from the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from centre_desk.formatting import format_date, format_number
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
from centre_desk.reports.paper_inputs import (
    KINDS,
    REGISTERED,
    AdmissionFacts,
    AdmissionPaper,
    CentreHeader,
    Home,
    Item,
    Person,
    Safekeeping,
    StatusDocument,
)
from centre_desk.reports.paper_text import (
    ADULT_AGE,
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
    term_of_address,
    without_prefix,
)
from centre_desk.reports.vietnamese_words import long_date, number_in_words, time_of_day, vnd_in_words
from centre_desk.text import fold, nfc

__all__ = [
    "KINDS", "REGISTERED", "AdmissionFacts", "AdmissionPaper", "CentreHeader", "Home", "Item", "Person",
    "Safekeeping", "StatusDocument", "admission_decision", "admission_record", "belongings_receipt", "build_paper",
    "centre_document", "home_line", "legal_bases", "long_date", "number_in_words", "particulars", "render_paper",
    "symbol_of", "term_of_address", "vnd_in_words",
]  # fmt: skip

NEW_LAW_FROM = datetime.date(2025, 7, 1)  # Law 53/2024/QH15 and Decree 162/2025/NĐ-CP in force
DECREE_20_FROM = datetime.date(2021, 7, 1)  # Decree 20/2021/NĐ-CP in force; it replaced Decree 136/2013
SIGN_HINT = "(Ký, ghi rõ họ tên)"
PERSON_HINT = "(Ký hoặc điểm chỉ, ghi rõ họ tên)"
GUARDIAN_TITLE = "CHA MẸ HOẶC NGƯỜI GIÁM HỘ"
DECREE_20 = (
    "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính sách "
    "trợ giúp xã hội đối với đối tượng bảo trợ xã hội;"
)
DECREE_136 = (
    "Căn cứ Nghị định số 136/2013/NĐ-CP ngày 21 tháng 10 năm 2013 của Chính phủ quy định chính sách "
    "trợ giúp xã hội đối với đối tượng bảo trợ xã hội;"
)
OLD_BASES = (
    "Căn cứ Luật Phòng, chống mua bán người số 66/2011/QH12 ngày 29 tháng 3 năm 2011;",
    "Căn cứ Nghị định số 09/2013/NĐ-CP ngày 11 tháng 01 năm 2013 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Phòng, chống mua bán người;",
)
NEW_BASES = (
    "Căn cứ Luật Phòng, chống mua bán người số 53/2024/QH15 ngày 28 tháng 11 năm 2024;",
    "Căn cứ Nghị định số 162/2025/NĐ-CP ngày 29 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều "
    "và biện pháp thi hành Luật Phòng, chống mua bán người;",
)


def symbol_of(kind: str, centre: CentreHeader) -> str:
    """The symbol after the number: "QĐ-CSBTXH" for a decision (the centre's abbreviation, or the initials
    of its name when none is set)."""
    return f"{REGISTERED[kind]}-{abbreviation_of(centre)}"


def centre_document(centre: CentreHeader, number: str, day: datetime.date, **fields: object) -> OfficialDocument:
    """A document the centre issues on `day` (numbered `number`, "" = none yet), `fields` the rest of its layout."""
    return OfficialDocument(
        parent_agency=centre.parent_agency,
        issuer=centre.centre_name,
        number=number or None,
        place=centre.place_name or "Lai Châu",
        date=day,
        **fields,  # type: ignore[arg-type]
    )


def _document(paper: AdmissionPaper, **fields: object) -> OfficialDocument:
    return centre_document(paper.centre, paper.number, paper.admission.arrived_at.date(), **fields)


def person_signers(person: Person, day: datetime.date) -> tuple[Signer, ...]:
    """Who signs for the person: a child (under 16) through a parent or guardian; a person of 16 or 17
    themselves and with their legal representative; an adult (or an unknown age) themselves."""
    age = age_at(person, day)
    guardian = Signer(title=GUARDIAN_TITLE, name=person.guardian_name, hint=SIGN_HINT)
    if age is not None and age < CHILD_AGE:
        return (guardian,)
    own = Signer(title="NGƯỜI ĐƯỢC TIẾP NHẬN", name=person.full_name, hint=PERSON_HINT)
    if age is not None and age < ADULT_AGE:
        return (own, guardian)
    return (own,)


# --------------------------------------------------------------------------------------- sections


def particulars(person: Person, on: datetime.date, when: str = "khi tiếp nhận") -> list[Block]:
    """The person's particulars, one item a line; a minor's age on `on` ("16 tuổi khi tiếp nhận")."""
    lines = [f"Họ và tên: {person.full_name}"]
    if person.other_names.strip():
        lines.append(f"Tên gọi khác: {person.other_names}")
    lines += [
        f"Giới tính: {person.sex}; {birth_text(person)}",
        f"Dân tộc: {person.ethnic_group}; quốc tịch: {person.nationality}",
        f"Giấy tờ tùy thân: {id_text(person)}",
        f"Nơi cư trú: {home_line(person.home) or BLANK}",
    ]
    if person.guardian_name.strip():
        relation = f" ({person.guardian_relation})" if person.guardian_relation.strip() else ""
        phone = f", điện thoại: {person.guardian_phone}" if person.guardian_phone.strip() else ""
        lines.append(f"Cha mẹ hoặc người giám hộ: {person.guardian_name}{relation}{phone}")
    grade = without_prefix(person.school_grade, "lớp")
    if person.school_name.strip() or grade:
        lines.append(f"Học sinh, sinh viên: {person.school_name or BLANK}{f', lớp {grade}' if grade else ''}")
    if person.code.strip():
        lines.append(f"Mã hồ sơ tại cơ sở: {person.code}")
    age = age_at(person, on)
    if age is not None and age < ADULT_AGE:
        lines.append(f"Người dưới 18 tuổi ({age} tuổi {when})")
    return list(items(lines))


def _status_text(facts: AdmissionFacts) -> str:
    text = f"Tình trạng: {facts.status}"
    doc = facts.status_document
    if doc is not None and (doc.issuer.strip() or doc.number.strip()):
        issued = f" ngày {format_date(doc.date)}" if doc.date else ""
        text += f"; văn bản xác nhận số {doc.number or BLANK}{issued} của {doc.issuer or BLANK}"
    return text


def _belongings_table(safekeeping: Safekeeping) -> list[Block]:
    if not safekeeping.items:
        return [Paragraph("Không có tài sản, giấy tờ gửi giữ hộ.")]
    rows = tuple(
        (str(i), item.name, format_number(item.quantity), item.condition) for i, item in enumerate(safekeeping.items, 1)
    )
    return [
        Table(
            ("STT", "Tên tài sản, giấy tờ", "Số lượng", "Tình trạng"),
            rows,
            col_widths=(0.9, 5.6, 1.5, 3.6),
            align=("center", "left", "center", "left"),
        )
    ]


def _money(safekeeping: Safekeeping) -> list[Block]:
    if safekeeping.money_vnd:
        figures = f"{format_number(safekeeping.money_vnd)} đồng"
        cash = f"Tiền mặt: {figures} (bằng chữ: {vnd_in_words(safekeeping.money_vnd)})."
    else:
        cash = "Tiền mặt: không có."
    out: list[Block] = [Paragraph(cash)]
    if safekeeping.money_other.strip():
        out.append(Paragraph(f"Ngoại tệ, tiền khác: {safekeeping.money_other.strip().rstrip('.')}."))
    return out


# ------------------------------------------------------------------------------------------ papers


def _parties(paper: AdmissionPaper) -> list[Block]:
    """Who is present: the handing-over party (none for a person who came of their own accord) and the
    receiving officer with their job title."""
    facts, centre = paper.admission, paper.centre
    officer = f"Ông/bà: {or_blank(paper.officer_name)}; chức vụ: {or_blank(paper.officer_title)}"
    if facts.self_referral:
        return [
            Paragraph(centre.centre_name, lead="Bên nhận:"),
            Paragraph(officer),
            Paragraph(f"Tiến hành tiếp nhận {facts.status} tự đến trình báo, có thông tin như sau:"),
        ]
    referring = f"Ông/bà: {or_blank(facts.referring_officer)}"
    if facts.referring_phone.strip():
        referring += f"; điện thoại: {facts.referring_phone}"
    return [
        Paragraph(or_blank(facts.referring_agency), lead="1. Bên giao:"),
        Paragraph(referring),
        Paragraph(centre.centre_name, lead="2. Bên nhận:"),
        Paragraph(officer),
        Paragraph(f"Cùng tiến hành giao, nhận {facts.status} có thông tin như sau:"),
    ]


def _record_signers(paper: AdmissionPaper) -> tuple[Signer, ...]:
    """Both parties on the first row, then the person (or the parent or guardian); for a self-referral the
    person stands where the handing-over party would."""
    receiver = Signer(title="ĐẠI DIỆN BÊN NHẬN", name=paper.officer_name, hint=SIGN_HINT)
    person = person_signers(paper.person, paper.admission.arrived_at.date())
    if paper.admission.self_referral:
        return (person[0], receiver, *person[1:])
    giver = Signer(title="ĐẠI DIỆN BÊN GIAO", name=paper.admission.referring_officer, hint=SIGN_HINT)
    return (giver, receiver, *person)


def admission_record(paper: AdmissionPaper) -> OfficialDocument:
    """Biên bản tiếp nhận (layout of Mẫu 1.9: no place-and-date line in the header)."""
    person, facts, centre = paper.person, paper.admission, paper.centre
    day = facts.arrived_at.date()
    where = centre.centre_name + (f" ({lower_unit_kinds(centre.address)})" if centre.address.strip() else "")
    documents = [*facts.documents] or ["Không có"]
    condition = facts.condition.strip() or "Chưa ghi nhận điều gì bất thường"
    if facts.interpreter_needed:
        language = without_prefix(facts.interpreter_language, "tiếng")
        condition = f"{condition.rstrip('.')}. Cần phiên dịch{f' tiếng {language}' if language else ''}"
    handed = "Giấy tờ, tài liệu kèm theo" if facts.self_referral else "Giấy tờ, tài liệu bàn giao kèm theo"
    body: list[Block] = [
        Paragraph(f"Hôm nay, vào hồi {time_of_day(facts.arrived_at)}, tại {where}, chúng tôi gồm:"),
        *_parties(paper),
        Heading("I. Thông tin về người được tiếp nhận", centred=False),
        *particulars(person, day),
        Heading("II. Hoàn cảnh tiếp nhận", centred=False),
        *items([f"Kênh tiếp nhận: {facts.channel}", _status_text(facts)]),
        Heading(f"III. {handed}", centred=False),
        *items(documents),
        Heading("IV. Tài sản, tư trang, tiền gửi giữ hộ", centred=False),
        *_belongings_table(paper.safekeeping),
        *_money(paper.safekeeping),
        Heading("V. Tình trạng sức khỏe, tâm lý ban đầu", centred=False),
        Paragraph(condition.rstrip(".") + "."),
        Paragraph(
            "Biên bản kết thúc cùng ngày, đã được đọc lại cho các bên cùng nghe và thống nhất ký tên. "
            "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản có giá trị như nhau./."
        ),
    ]
    return _document(
        paper,
        symbol=symbol_of("admission-record", centre),
        kind="BIÊN BẢN",
        subject=f"Tiếp nhận {facts.status}",
        body=tuple(body),
        signers=_record_signers(paper),
        dated_header=False,
        title="Biên bản tiếp nhận",
    )


def legal_bases(admission_date: datetime.date, founding_decision: str = "") -> tuple[Basis, ...]:
    """The "Căn cứ …;" lines of the admission decision, by the law in force on `admission_date`."""
    assistance = DECREE_20 if admission_date >= DECREE_20_FROM else DECREE_136
    lines = [*(OLD_BASES if admission_date < NEW_LAW_FROM else NEW_BASES), assistance]
    founding = " ".join(founding_decision.split()).rstrip(";.")
    if founding:
        if fold(founding).startswith("can cu "):
            founding = founding[len("căn cứ ") :]
        lines.append(f"Căn cứ {founding};")
    return tuple(Basis((nfc(line),)) for line in lines)


def director(centre: CentreHeader) -> Signer:
    """The decision's signer: "GIÁM ĐỐC", or "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC" for a deputy."""
    title = " ".join(centre.director_title.split()).upper() or "GIÁM ĐỐC"
    authority = "KT. GIÁM ĐỐC" if title.startswith("PHÓ GIÁM ĐỐC") else ""
    return Signer(authority_line=authority, title=title, name=centre.director_name)


def _entitlements(paper: AdmissionPaper, who: str) -> list[Block]:
    day = paper.admission.arrived_at.date()
    if day < NEW_LAW_FROM:
        return [
            Paragraph(
                f"{who} được hưởng các chế độ theo quy định của Luật Phòng, chống mua bán người 2011 và "
                "Nghị định số 09/2013/NĐ-CP, các chế độ chăm sóc, nuôi dưỡng tại cơ sở trợ giúp xã hội theo "
                f"quy định của Nghị định số {'20/2021' if day >= DECREE_20_FROM else '136/2013'}/NĐ-CP.",
                lead="Điều 2.",
            )
        ]
    intro = (
        f"{who} được hưởng các chế độ chăm sóc, nuôi dưỡng tại cơ sở trợ giúp xã hội theo quy định của "
        "Nghị định số 20/2021/NĐ-CP và các chế độ hỗ trợ theo Điều 37 Luật Phòng, chống mua bán người "
        "số 53/2024/QH15"
    )
    labels = list(paper.admission.entitlements)
    if not labels:
        return [Paragraph(intro + ".", lead="Điều 2.")]
    return [Paragraph(intro + ", gồm:", lead="Điều 2."), *items(labels)]


def admission_decision(paper: AdmissionPaper) -> OfficialDocument:
    """Quyết định tiếp nhận (Mẫu 1.2 of Decree 30/2020); "Theo đề nghị của" names the centre's own
    proposing unit (a setting), not the referring agency."""
    person, facts, centre = paper.person, paper.admission, paper.centre
    day = facts.arrived_at.date()
    who = named(person, day, capital=True)
    details = [
        f"{birth_text(person).capitalize()}; giới tính: {person.sex.lower()}; dân tộc: {person.ethnic_group}; "
        f"quốc tịch: {person.nationality}",
        f"Giấy tờ tùy thân: {id_text(person)}",
        f"Nơi cư trú: {home_line(person.home) or BLANK}",
        f"Đối tượng: {facts.status}",
    ]
    body: list[Block] = [
        *legal_bases(day, centre.founding_decision),
        Basis((f"Theo đề nghị của {or_blank(centre.proposing_unit).rstrip('.')}.",)),
        Heading("QUYẾT ĐỊNH:"),
        Paragraph(
            f"Tiếp nhận {named(person, day)} vào chăm sóc, hỗ trợ tại {centre.centre_name} kể từ {long_date(day)}:",
            lead="Điều 1.",
        ),
        *items(details),
        *_entitlements(paper, who),
        Paragraph(
            f"Quyết định này có hiệu lực kể từ ngày ký. Trưởng các phòng, bộ phận chuyên môn thuộc "
            f"{centre.centre_name}, các cơ quan, đơn vị có liên quan và {named(person, day)} chịu trách nhiệm "
            "thi hành Quyết định này./.",
            lead="Điều 3.",
        ),
    ]
    recipients = ["Như Điều 3"]
    if centre.parent_agency.strip():
        recipients.append(f"{centre.parent_agency} (để báo cáo)")
    if facts.referring_agency.strip() and not facts.self_referral:
        recipients.append(f"{facts.referring_agency} (để phối hợp)")
    recipients.append("Lưu: VT, Hồ sơ đối tượng")
    return _document(
        paper,
        symbol=symbol_of("admission-decision", centre),
        kind="QUYẾT ĐỊNH",
        subject=f"Về việc tiếp nhận đối tượng vào {centre.centre_name}",
        authority=f"GIÁM ĐỐC {centre.centre_name}",
        body=tuple(body),
        recipients=tuple(recipients),
        signers=(director(centre),),
        title="Quyết định tiếp nhận",
    )


def _depositor(person: Person, day: datetime.date) -> Signer:
    """Who hands the belongings over: the person, or for a child (under 16) a parent or guardian for them."""
    age = age_at(person, day)
    if age is not None and age < CHILD_AGE:
        return Signer(title="NGƯỜI GIAO", name=person.guardian_name, hint="(Cha mẹ hoặc người giám hộ ký thay)")
    return Signer(title="NGƯỜI GIAO", name=person.full_name, hint=PERSON_HINT)


def belongings_receipt(paper: AdmissionPaper) -> OfficialDocument:
    """Biên nhận tài sản giữ hộ: what the centre keeps for the person until discharge. It takes no register
    number (see paper_inputs.REGISTERED) and carries the file code in its place."""
    person, facts, centre = paper.person, paper.admission, paper.centre
    day = facts.arrived_at.date()
    code = f", mã hồ sơ {person.code}" if person.code.strip() else ""
    age = age_at(person, day)
    guardian = " (hoặc cha mẹ hoặc người giám hộ)" if age is not None and age < ADULT_AGE else ""
    body: list[Block] = [
        Paragraph(
            f"Vào hồi {time_of_day(facts.arrived_at)}, {centre.centre_name} nhận giữ hộ của "
            f"{named(person, day)} ({birth_text(person)}{code}) các tài sản, giấy tờ và tiền sau đây:"
        ),
        *_belongings_table(paper.safekeeping),
        *_money(paper.safekeeping),
        Paragraph(
            f"{centre.centre_name} có trách nhiệm bảo quản và trả lại đầy đủ các tài sản, giấy tờ và tiền nêu trên "
            f"cho {named(person, day)}{guardian} khi kết thúc thời gian chăm sóc, hỗ trợ tại cơ sở; việc trả lại "
            "có ký nhận."
        ),
        Paragraph("Biên nhận được lập thành 02 bản, người gửi giữ 01 bản, cơ sở giữ 01 bản./."),
    ]
    return _document(
        paper,
        symbol="",
        reference=f"Mã hồ sơ: {or_blank(person.code)}",
        kind="BIÊN NHẬN",
        subject="Tài sản, giấy tờ, tiền gửi giữ hộ",
        body=tuple(body),
        signers=(_depositor(person, day), Signer(title="NGƯỜI NHẬN", name=paper.officer_name, hint=SIGN_HINT)),
        title="Biên nhận tài sản giữ hộ",
    )


BUILDERS: dict[str, Callable[[AdmissionPaper], OfficialDocument]] = {
    "admission-record": admission_record,
    "admission-decision": admission_decision,
    "belongings-receipt": belongings_receipt,
}


def build_paper(kind: str, paper: AdmissionPaper) -> OfficialDocument:
    try:
        builder = BUILDERS[kind]
    except KeyError:
        raise ValueError(f"unknown admission paper: {kind}") from None
    return builder(paper)


def render_paper(kind: str, paper: AdmissionPaper, marks: PageMarks = NO_MARKS) -> bytes:
    """The paper `kind` (one of KINDS) as PDF bytes, with `marks` on every page."""
    return render(build_paper(kind, paper), marks)
