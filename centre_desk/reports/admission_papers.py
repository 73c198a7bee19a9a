"""The three admission papers, laid out by reports/official.py (Decree 30/2020/NĐ-CP):

* "admission-record" — Biên bản tiếp nhận (Mẫu 1.9 layout: no place-and-date line in the header,
  time and place in the first sentence), both parties, the person, circumstances, documents,
  belongings and money, initial condition, two signature blocks;
* "admission-decision" — Quyết định tiếp nhận (Mẫu 1.2): legal bases chosen by the admission date
  (`legal_bases`), Điều 1–3, recipients, the director's signature;
* "belongings-receipt" — Biên nhận tài sản giữ hộ: the itemised table, money in figures and words
  (`vnd_in_words`), the undertaking to return everything at discharge.

The input is plain frozen data with every label already in Vietnamese (documents are always
Vietnamese, whatever the screen language); the service layer fills it from the database.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from centre_desk.formatting import format_date, format_number
from centre_desk.reports.official import (
    Basis,
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Signer,
    Table,
    render,
)
from centre_desk.reports.paper_inputs import (
    KINDS,
    AdmissionFacts,
    AdmissionPaper,
    CentreHeader,
    Home,
    Item,
    Person,
    Safekeeping,
    StatusDocument,
)
from centre_desk.reports.vietnamese_words import long_date, number_in_words, time_of_day, vnd_in_words
from centre_desk.text import fold, nfc

__all__ = [
    "KINDS", "AdmissionFacts", "AdmissionPaper", "CentreHeader", "Home", "Item", "Person", "Safekeeping",
    "StatusDocument", "admission_decision", "admission_record", "belongings_receipt", "build_paper", "home_line",
    "legal_bases", "long_date", "number_in_words", "render_paper", "term_of_address", "vnd_in_words",
]  # fmt: skip

NEW_LAW_FROM = datetime.date(2025, 7, 1)  # Law 53/2024/QH15 and Decree 162/2025/NĐ-CP in force
BLANK = "……………………"
_POINT = re.compile(r"^[a-zđ]\) ")  # "a) ", "đ) ": a point of an article  # room to write by hand
SIGN_HINT = "(Ký, ghi rõ họ tên)"
DECREE_20 = (
    "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính sách "
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


def _with_kind(name: str, kinds: tuple[str, ...], default: str) -> str:
    """ "Tả Lèng" -> "xã Tả Lèng"; a name that already starts with a kind keeps it."""
    text = " ".join(name.split())
    if not text:
        return ""
    folded = fold(text)
    if any(folded == k or folded.startswith(k + " ") for k in kinds):
        return text
    return f"{default} {text}"


_VILLAGE_KINDS = ("ban", "thon", "xom", "to", "khu", "tieu khu", "ap", "lang", "khoi", "buon", "pho", "cum")
_COMMUNE_KINDS = ("xa", "phuong", "thi tran", "dac khu")
_PROVINCE_KINDS = ("tinh", "thanh pho", "tp")
_DISTRICT_KINDS = ("huyen", "thi xa", "thanh pho", "quan", "tp")


def home_line(home: Home) -> str:
    """ "bản Sì Thâu Chải, xã Tả Lèng, tỉnh Lai Châu (trước đây thuộc huyện Tam Đường)"."""
    parts = [
        _with_kind(home.village, _VILLAGE_KINDS, "bản"),
        _with_kind(home.commune, _COMMUNE_KINDS, "xã"),
        _with_kind(home.province, _PROVINCE_KINDS, "tỉnh"),
    ]
    text = ", ".join(p for p in parts if p)
    if home.legacy_district.strip():
        text += f" (trước đây thuộc {_with_kind(home.legacy_district, _DISTRICT_KINDS, 'huyện')})"
    return text


def age_at(person: Person, day: datetime.date) -> int | None:
    if person.birth_date is not None:
        born = person.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if person.birth_year is not None:
        return day.year - person.birth_year
    return person.estimated_age


def term_of_address(person: Person, day: datetime.date) -> str:
    """ "cháu" for a person under 18 (a child in the trafficking law), else "bà" / "ông"; "" when the sex is other."""
    age = age_at(person, day)
    if age is not None and age < 18:
        return "cháu"
    return {"nữ": "bà", "nam": "ông"}.get(nfc(person.sex).strip().lower(), "")


def _named(person: Person, day: datetime.date, capital: bool = False) -> str:
    term = term_of_address(person, day)
    if capital and term:
        term = term.capitalize()
    return f"{term} {person.full_name}".strip()


def birth_text(person: Person) -> str:
    if person.birth_date is not None:
        return f"sinh ngày {format_date(person.birth_date)}"
    if person.birth_year is not None:
        return f"sinh năm {person.birth_year}"
    if person.estimated_age is not None:
        return f"khoảng {person.estimated_age} tuổi (ước tính)"
    return "chưa rõ năm sinh"


def _id_text(person: Person) -> str:
    if not person.id_paper.strip():
        return "không có"
    return f"{person.id_paper} số {person.id_number}" if person.id_number.strip() else person.id_paper


def _or_blank(text: str) -> str:
    return text.strip() or BLANK


def _items(lines: list[str]) -> list[Paragraph]:
    """One line per item ending with ";", the last with "."; a dash in front unless the item brings its
    own point letter as the law numbers them ("a) Hỗ trợ nhu cầu thiết yếu")."""
    out = []
    for index, raw in enumerate(lines):
        text = raw.strip().rstrip(";.")
        mark = "" if _POINT.match(text) else "- "
        out.append(Paragraph(f"{mark}{text}{'.' if index == len(lines) - 1 else ';'}"))
    return out


def _symbol(kind: str, centre: CentreHeader) -> str:
    abbreviation = "".join(centre.abbreviation.split()).upper()
    if not abbreviation:
        abbreviation = "".join(word[0] for word in fold(centre.centre_name).split() if word[0].isalnum()).upper()
    return f"{kind}-{abbreviation}"


def _document(paper: AdmissionPaper, **fields: object) -> OfficialDocument:
    centre = paper.centre
    return OfficialDocument(
        parent_agency=centre.parent_agency,
        issuer=centre.centre_name,
        number=paper.number or None,
        place=centre.place_name or "Lai Châu",
        date=paper.admission.arrived_at.date(),
        **fields,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------------------- sections


def _particulars(person: Person, on: datetime.date) -> list[Block]:
    lines = [f"Họ và tên: {person.full_name}"]
    if person.other_names.strip():
        lines.append(f"Tên gọi khác: {person.other_names}")
    lines += [
        f"Giới tính: {person.sex}; {birth_text(person)}",
        f"Dân tộc: {person.ethnic_group}; quốc tịch: {person.nationality}",
        f"Giấy tờ tùy thân: {_id_text(person)}",
        f"Nơi cư trú: {home_line(person.home) or BLANK}",
    ]
    if person.guardian_name.strip():
        relation = f" ({person.guardian_relation})" if person.guardian_relation.strip() else ""
        phone = f", điện thoại: {person.guardian_phone}" if person.guardian_phone.strip() else ""
        lines.append(f"Cha mẹ hoặc người giám hộ: {person.guardian_name}{relation}{phone}")
    if person.school_name.strip() or person.school_grade.strip():
        grade = f", lớp {person.school_grade}" if person.school_grade.strip() else ""
        lines.append(f"Học sinh, sinh viên: {person.school_name or BLANK}{grade}")
    if person.code.strip():
        lines.append(f"Mã hồ sơ tại cơ sở: {person.code}")
    age = age_at(person, on)
    if age is not None and age < 18:
        lines.append(f"Người dưới 18 tuổi ({age} tuổi khi tiếp nhận)")
    return list(_items(lines))


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


def admission_record(paper: AdmissionPaper) -> OfficialDocument:
    """Biên bản tiếp nhận (layout of Mẫu 1.9: no place-and-date line in the header)."""
    person, facts, centre = paper.person, paper.admission, paper.centre
    day = facts.arrived_at.date()
    where = centre.centre_name + (f" ({centre.address})" if centre.address.strip() else "")
    officer = paper.officer_name or BLANK
    if paper.officer_title.strip():
        officer += f", {paper.officer_title}"
    referring = f"Ông/bà: {_or_blank(facts.referring_officer)}"
    if facts.referring_phone.strip():
        referring += f"; điện thoại: {facts.referring_phone}"
    documents = [*facts.documents] or ["Không có"]
    condition = facts.condition.strip() or "Chưa ghi nhận điều gì bất thường"
    if facts.interpreter_needed:
        language = f" tiếng {facts.interpreter_language}" if facts.interpreter_language.strip() else ""
        condition = f"{condition.rstrip('.')}. Cần phiên dịch{language}"
    body: list[Block] = [
        Paragraph(f"Hôm nay, vào hồi {time_of_day(facts.arrived_at)}, tại {where}, chúng tôi gồm:"),
        Paragraph(_or_blank(facts.referring_agency), lead="1. Bên giao:"),
        Paragraph(referring),
        Paragraph(centre.centre_name, lead="2. Bên nhận:"),
        Paragraph(f"Ông/bà: {officer}"),
        Paragraph(f"Cùng tiến hành giao, nhận {facts.status} có thông tin như sau:"),
        Heading("I. Thông tin về người được tiếp nhận", centred=False),
        *_particulars(person, day),
        Heading("II. Hoàn cảnh tiếp nhận", centred=False),
        *_items([f"Kênh tiếp nhận: {facts.channel}", _status_text(facts)]),
        Heading("III. Giấy tờ, tài liệu bàn giao kèm theo", centred=False),
        *_items(documents),
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
        symbol=_symbol("BB", centre),
        kind="BIÊN BẢN",
        subject=f"Tiếp nhận {facts.status}",
        body=tuple(body),
        signers=(
            Signer(title="ĐẠI DIỆN BÊN GIAO", name=facts.referring_officer, hint=SIGN_HINT),
            Signer(title="ĐẠI DIỆN BÊN NHẬN", name=paper.officer_name, hint=SIGN_HINT),
        ),
        dated_header=False,
        title="Biên bản tiếp nhận",
    )


def legal_bases(admission_date: datetime.date, founding_decision: str = "") -> tuple[Basis, ...]:
    """The "Căn cứ …;" lines of the admission decision, by the law in force on `admission_date`."""
    lines = [*(OLD_BASES if admission_date < NEW_LAW_FROM else NEW_BASES), DECREE_20]
    founding = " ".join(founding_decision.split()).rstrip(";.")
    if founding:
        if fold(founding).startswith("can cu "):
            founding = founding[len("căn cứ ") :]
        lines.append(f"Căn cứ {founding};")
    return tuple(Basis((nfc(line),)) for line in lines)


def _director(centre: CentreHeader) -> Signer:
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
                "quy định của Nghị định số 20/2021/NĐ-CP.",
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
    return [Paragraph(intro + ", gồm:", lead="Điều 2."), *_items(labels)]


def admission_decision(paper: AdmissionPaper) -> OfficialDocument:
    """Quyết định tiếp nhận (Mẫu 1.2 of Decree 30/2020)."""
    person, facts, centre = paper.person, paper.admission, paper.centre
    day = facts.arrived_at.date()
    who = _named(person, day, capital=True)
    details = [
        f"{birth_text(person).capitalize()}; giới tính: {person.sex.lower()}; dân tộc: {person.ethnic_group}; "
        f"quốc tịch: {person.nationality}",
        f"Giấy tờ tùy thân: {_id_text(person)}",
        f"Nơi cư trú: {home_line(person.home) or BLANK}",
        f"Đối tượng: {facts.status}",
    ]
    proposer = facts.referring_agency.strip() or BLANK
    body: list[Block] = [
        *legal_bases(day, centre.founding_decision),
        Basis((f"Theo đề nghị của {proposer}.",)),
        Heading("QUYẾT ĐỊNH:"),
        Paragraph(
            f"Tiếp nhận {_named(person, day)} vào chăm sóc, hỗ trợ tại {centre.centre_name} kể từ {long_date(day)}:",
            lead="Điều 1.",
        ),
        *_items(details),
        *_entitlements(paper, who),
        Paragraph(
            f"Quyết định này có hiệu lực kể từ ngày ký. Trưởng các phòng, bộ phận chuyên môn thuộc "
            f"{centre.centre_name}, các cơ quan, đơn vị có liên quan và {_named(person, day)} chịu trách nhiệm "
            "thi hành Quyết định này./.",
            lead="Điều 3.",
        ),
    ]
    recipients = ["Như Điều 3"]
    if centre.parent_agency.strip():
        recipients.append(f"{centre.parent_agency} (để báo cáo)")
    if facts.referring_agency.strip():
        recipients.append(f"{facts.referring_agency} (để phối hợp)")
    recipients.append("Lưu: VT, Hồ sơ đối tượng")
    director = _director(centre)
    return _document(
        paper,
        symbol=_symbol("QĐ", centre),
        kind="QUYẾT ĐỊNH",
        subject=f"Về việc tiếp nhận đối tượng vào {centre.centre_name}",
        authority=f"GIÁM ĐỐC {centre.centre_name}",
        body=tuple(body),
        recipients=tuple(recipients),
        signers=(director,),
        title="Quyết định tiếp nhận",
    )


def belongings_receipt(paper: AdmissionPaper) -> OfficialDocument:
    """Biên nhận tài sản giữ hộ: what the centre keeps for the person until discharge."""
    person, facts, centre = paper.person, paper.admission, paper.centre
    day = facts.arrived_at.date()
    code = f", mã hồ sơ {person.code}" if person.code.strip() else ""
    body: list[Block] = [
        Paragraph(
            f"Vào hồi {time_of_day(facts.arrived_at)}, {centre.centre_name} nhận giữ hộ của "
            f"{_named(person, day)} ({birth_text(person)}{code}) các tài sản, giấy tờ và tiền sau đây:"
        ),
        *_belongings_table(paper.safekeeping),
        *_money(paper.safekeeping),
        Paragraph(
            f"{centre.centre_name} có trách nhiệm bảo quản và trả lại đầy đủ các tài sản, giấy tờ và tiền nêu trên "
            f"cho {_named(person, day)} (hoặc cho cha mẹ hoặc người giám hộ) khi kết thúc thời gian chăm sóc, hỗ trợ "
            "tại cơ sở; việc trả lại có ký nhận."
        ),
        Paragraph("Biên nhận được lập thành 02 bản, người gửi giữ 01 bản, cơ sở giữ 01 bản./."),
    ]
    return _document(
        paper,
        symbol=_symbol("BN", centre),
        kind="BIÊN NHẬN",
        subject="Tài sản, giấy tờ, tiền gửi giữ hộ",
        body=tuple(body),
        signers=(
            Signer(title="NGƯỜI GIAO", name=person.full_name, hint="(Ký hoặc điểm chỉ, ghi rõ họ tên)"),
            Signer(title="NGƯỜI NHẬN", name=paper.officer_name, hint=SIGN_HINT),
        ),
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


def render_paper(kind: str, paper: AdmissionPaper) -> bytes:
    """The paper `kind` (one of KINDS) as PDF bytes."""
    return render(build_paper(kind, paper))
