"""The health summary ("Tóm tắt tình trạng sức khỏe") sent to the commune health station when a resident leaves,
laid out by reports/official.py (Decree 30/2020/NĐ-CP).

Decree 30 has no document type "tóm tắt" (Art. 7; Phụ lục III), so the paper goes out as an official letter
(công văn) of the centre to one addressee: its number and symbol are a công văn's, "Số: 05/CSBTXH-YT" (the
centre's abbreviation, then the drafting unit, YT = y tế; Phụ lục I, II.3), numbered in the register's "CV"
sequence; "Kính gửi: Trạm Y tế xã …" (ô 9a); and the summary's name stands as its heading (ô 5a) with the subject
under it instead of a "V/v" line. The bases are the trafficking law and its decree in force on the paper's date:
Law 53/2024/QH15 and Decree 162/2025/NĐ-CP from 01/07/2025 (medical support: Art. 37 of the Law), Law 66/2011/QH12
and Decree 09/2013/NĐ-CP before. The director signs.

The sensitive part (tests, reproductive health, restricted entries), when asked for, stands under its own heading
"THÔNG TIN SỨC KHỎE NHẠY CẢM – CHỈ CÁN BỘ Y TẾ ĐƯỢC XEM", with the personal-data law in force on the date.

The input is the HealthSummary DTO of services/health/summary.py (every word already Vietnamese) with the centre's
header, the date and the number; papers are Vietnamese whatever the screen language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

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
    Table,
    render,
)
from centre_desk.reports.paper_inputs import CentreHeader, Person
from centre_desk.reports.paper_text import BLANK, abbreviation_of, birth_text, home_line, items, named, with_kind
from centre_desk.services.health.summary import (
    OBSERVATION_DAYS,
    HealthSummary,
    IntakeCheck,
    Medication,
    Observation,
    ReferralLine,
    SensitiveHealth,
    SummaryPerson,
    Vitals,
)

__all__ = [
    "KIND_CODE", "SENSITIVE_HEADING", "TITLE", "HealthPaper", "health_document", "legal_bases", "render_health",
    "symbol_of",
]  # fmt: skip

TITLE = "TÓM TẮT TÌNH TRẠNG SỨC KHỎE"
SUBJECT = "Về việc bàn giao theo dõi sức khỏe đối tượng"
SENSITIVE_HEADING = "THÔNG TIN SỨC KHỎE NHẠY CẢM – CHỈ CÁN BỘ Y TẾ ĐƯỢC XEM"
KIND_CODE = "CV"  # the register's sequence: official letters (công văn)
DRAFTING_UNIT = "YT"
PDP_LAW_FROM = datetime.date(2026, 1, 1)  # Law 91/2025/QH15 on personal data protection in force
PDP_LAW = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15"
PDP_DECREE = "Nghị định số 13/2023/NĐ-CP ngày 17 tháng 4 năm 2023 của Chính phủ về bảo vệ dữ liệu cá nhân"
# Column widths in mm of the 165 mm text width (official.Table scales them): the 12 pt headers on one line where
# they can be, "STT" never broken.
MEDICATION_COLUMNS = (12.0, 52.0, 35.0, 30.0, 36.0)
TEST_COLUMNS = (27.0, 44.0, 26.0, 28.0, 40.0)
NONE = "Không có"


@dataclass(frozen=True, slots=True)
class HealthPaper:
    """The paper's input: the summary, the centre as its papers name it on `day`, and the register number
    ("" before it is issued)."""

    centre: CentreHeader
    summary: HealthSummary
    day: datetime.date
    number: str = ""


# ----------------------------------------------------------------------------------------- text rules


def symbol_of(centre: CentreHeader) -> str:
    """ "CSBTXH-YT": a công văn's symbol (the centre's abbreviation, or its initials when none is set)."""
    return f"{abbreviation_of(centre)}-{DRAFTING_UNIT}"


def legal_bases(day: datetime.date) -> Basis:
    """The trafficking law and its decree in force on `day`; the last line ends with "."."""
    lines = list(NEW_BASES if day >= NEW_LAW_FROM else OLD_BASES)
    lines[-1] = lines[-1].rstrip(";") + "."
    return Basis(tuple(lines))


def station(person: SummaryPerson) -> str:
    """ "Trạm Y tế xã Tả Lèng" (the commune of the resident's home), or a blank to fill in by hand."""
    commune = with_kind(person.home.commune, ("xã", "phường", "thị trấn", "đặc khu"), "xã")
    return f"Trạm Y tế {commune}" if commune else f"Trạm Y tế xã, phường {BLANK}"


def _person(p: SummaryPerson) -> Person:
    return Person(
        full_name=p.full_name, sex=p.sex, ethnic_group=p.ethnic_group, birth_date=p.birth_date,
        birth_year=p.birth_year, estimated_age=p.estimated_age, home=p.home, code=p.code,
    )  # fmt: skip


def _dec(value: Decimal) -> str:
    """ "36,8": one decimal, the Vietnamese decimal comma."""
    return f"{value:.1f}".replace(".", ",")


def _clock(moment: datetime.datetime) -> str:
    return f"{moment.hour:02d} giờ {moment.minute:02d}"


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip(".;")
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    """ "Khám răng" -> "khám răng" mid-sentence; "HIV" and "°C" are left as written."""
    text = _sentence(text)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _or_none(text: str, none: str = NONE) -> str:
    return _sentence(text) or none


# -------------------------------------------------------------------------------------------- sections


def _general(summary: HealthSummary, person: Person) -> list[Block]:
    p = summary.person
    stay = f"Ngày tiếp nhận: {format_date(summary.admitted_on)}"
    if summary.left_on is not None:
        stay += f"; ngày rời cơ sở: {format_date(summary.left_on)}"
    return [
        Heading("I. Thông tin chung", centred=False),
        *items([
            f"Họ và tên: {p.full_name}; mã hồ sơ tại cơ sở: {p.code}",
            f"Giới tính: {p.sex}; {birth_text(person)}; dân tộc: {p.ethnic_group or BLANK}",
            f"Nơi cư trú: {home_line(p.home) or BLANK}",
            stay,
        ]),
    ]  # fmt: skip


def _insurance(check: IntakeCheck) -> str:
    if check.insurance == "card":
        parts = [f"có thẻ số {check.insurance_number or BLANK}"]
        if check.insurance_place.strip():
            parts.append(f"nơi đăng ký khám bệnh, chữa bệnh ban đầu: {' '.join(check.insurance_place.split())}")
        if check.insurance_expiry is not None:
            parts.append(f"giá trị sử dụng đến ngày {format_date(check.insurance_expiry)}")
        return "Bảo hiểm y tế: " + ", ".join(parts)
    if check.insurance == "none_first_year":
        return "Bảo hiểm y tế: chưa có thẻ (được hỗ trợ đóng bảo hiểm y tế năm đầu tiên)"
    return "Bảo hiểm y tế: chưa xác định được"


def check_lines(check: IntakeCheck) -> list[str]:
    return [
        f"Dị ứng: {_or_none(check.allergies, 'Chưa ghi nhận')}",
        f"Bệnh mạn tính: {_or_none(check.chronic_conditions, 'Chưa ghi nhận')}",
        f"Khuyết tật: {_or_none(check.disability)}",
        f"Thuốc đang dùng khi tiếp nhận: {_or_none(check.current_medicines)}",
        _insurance(check),
    ]


def _history(summary: HealthSummary) -> list[Block]:
    heading = Heading("II. Tiền sử, dị ứng, bảo hiểm y tế", centred=False)
    check = summary.intake
    if check is None:
        return [heading, Paragraph("Chưa có kết quả khám sức khỏe khi tiếp nhận.")]
    lead = Paragraph(f"Theo kết quả khám sức khỏe khi tiếp nhận ngày {format_date(check.checked_on)}:")
    return [heading, lead, *items(check_lines(check))]


def _vital_lines(v: Vitals) -> list[str]:
    signs = []
    if v.temperature is not None:
        signs.append(f"nhiệt độ {_dec(v.temperature)} °C")
    if v.pulse is not None:
        signs.append(f"mạch {v.pulse} lần/phút")
    if v.systolic is not None and v.diastolic is not None:
        signs.append(f"huyết áp {v.systolic}/{v.diastolic} mmHg")
    elif v.systolic is not None:
        signs.append(f"huyết áp tâm thu {v.systolic} mmHg")
    if v.resp_rate is not None:
        signs.append(f"nhịp thở {v.resp_rate} lần/phút")
    if v.spo2 is not None:
        signs.append(f"SpO2 {v.spo2}%")
    lines = [_sentence("; ".join(signs))] if signs else []
    body = []
    if v.weight_kg is not None:
        body.append(f"cân nặng {_dec(v.weight_kg)} kg")
    if v.height_cm is not None:
        body.append(f"chiều cao {_dec(v.height_cm)} cm")
    if v.bmi is not None:
        category = f" ({v.bmi_category})" if v.bmi_category else ""
        body.append(f"chỉ số khối cơ thể (BMI) {_dec(v.bmi)}{category}")
    if body:
        lines.append(_sentence("; ".join(body)))
    return lines


def _vitals(summary: HealthSummary) -> list[Block]:
    v = summary.vitals
    if v is None:
        return [Heading("III. Dấu hiệu sinh tồn", centred=False), Paragraph("Chưa đo dấu hiệu sinh tồn.")]
    when = f"lúc {_clock(v.taken_at)} ngày {format_date(v.taken_at.date())}"
    return [Heading(f"III. Dấu hiệu sinh tồn lần đo gần nhất ({when})", centred=False), *items(_vital_lines(v))]


def _period(m: Medication) -> str:
    start = format_date(m.start_on) if m.start_on else BLANK
    return f"Từ {start} đến {format_date(m.end_on)}" if m.end_on else f"Từ {start}"


def medicine_text(m: Medication) -> str:
    """ "Paracetamol 500 mg (đau đầu)": the name, the strength and why."""
    return f"{m.medicine} {m.strength}".strip() + (f" ({_lower_first(m.reason)})" if m.reason.strip() else "")


def _medication_text(m: Medication) -> str:
    """The plan on one line, for the restricted part."""
    how = ", ".join(x for x in (m.dose, m.route, m.frequency) if x)
    period = _lower_first(_period(m))
    return f"{medicine_text(m)}: {how}; {period}" if how else f"{medicine_text(m)}; {period}"


def _medication_table(medications: tuple[Medication, ...]) -> Table:
    rows = tuple(
        (
            str(n),
            medicine_text(m),
            ", ".join(x for x in (m.dose, m.route) if x),
            m.frequency,
            _period(m),
        )
        for n, m in enumerate(medications, 1)
    )
    return Table(
        ("STT", "Tên thuốc, hàm lượng", "Liều, đường dùng", "Số lần dùng", "Thời gian dùng"),
        rows, col_widths=MEDICATION_COLUMNS, align=("center", "left", "left", "left", "left"),
    )  # fmt: skip


def _medications(summary: HealthSummary) -> list[Block]:
    heading = Heading(f"IV. Thuốc đang dùng (ngày {format_date(summary.as_of)})", centred=False)
    if not summary.medications:
        return [heading, Paragraph("Không có thuốc đang dùng.")]
    return [heading, _medication_table(summary.medications)]


def _referral_text(r: ReferralLine) -> str:
    urgent = " (cấp cứu)" if r.urgent else ""
    text = f"Ngày {format_date(r.referred_on)} chuyển đến {r.facility}{urgent}, lý do: {_lower_first(r.reason)}"
    if r.result.strip():
        back = f" (về ngày {format_date(r.returned_on)})" if r.returned_on else ""
        text += f"; kết quả{back}: {_sentence(r.result)}"
    elif r.returned_on is None and not r.closed:
        text += "; chưa có kết quả"
    if r.follow_up_on is not None:
        text += f"; hẹn tái khám ngày {format_date(r.follow_up_on)}"
    return text


def _referrals(summary: HealthSummary) -> list[Block]:
    heading = Heading("V. Khám, chữa bệnh tại cơ sở y tế", centred=False)
    if not summary.referrals:
        return [heading, Paragraph("Không có lần chuyển đi khám, chữa bệnh nào.")]
    return [heading, *items([_referral_text(r) for r in summary.referrals])]


def _observation_text(o: Observation) -> str:
    parts = []
    if o.news2 is not None:
        parts.append(f"điểm NEWS2: {o.news2}" + (" (cảnh báo)" if o.alert else ""))
    if o.notify_manager:
        parts.append("đã báo lãnh đạo")
    if o.evolution:
        parts.append(f"diễn biến {o.evolution}")
    text = f"Ngày {format_date(o.at.date())} lúc {_clock(o.at)}: " + "; ".join(parts)
    note = _sentence(o.note)
    return f"{text}. {note}" if note else text


def _observations(summary: HealthSummary, days: int) -> list[Block]:
    heading = Heading(f"VI. Những diễn biến cần lưu ý trong {days} ngày gần nhất", centred=False)
    if not summary.observations:
        return [heading, Paragraph("Không có diễn biến bất thường cần lưu ý.")]
    return [heading, *items([_observation_text(o) for o in summary.observations])]


def _data_law(day: datetime.date) -> str:
    return PDP_LAW if day >= PDP_LAW_FROM else PDP_DECREE


def _sensitive(sensitive: SensitiveHealth, day: datetime.date) -> list[Block]:
    out: list[Block] = [
        Heading(SENSITIVE_HEADING),
        Paragraph(
            f"Phần này là dữ liệu cá nhân nhạy cảm theo {_data_law(day)}: chỉ cán bộ y tế trực tiếp theo dõi, "
            "chăm sóc được đọc; không sao chụp, không cung cấp cho người khác.",
            italic=True,
        ),
    ]
    if not sensitive:
        return [*out, Paragraph("Không có thông tin sức khỏe nhạy cảm được ghi nhận.")]
    if sensitive.tests:
        rows = tuple(
            (format_date(t.taken_on), t.test, t.result, format_date(t.result_on) if t.result_on else "",
             "Có" if t.counselled else "Không")
            for t in sensitive.tests
        )  # fmt: skip
        out += [
            Heading(f"{_next(out)}. Xét nghiệm", centred=False),
            Table(
                ("Ngày xét nghiệm", "Xét nghiệm", "Kết quả", "Ngày có kết quả", "Tư vấn trước và sau xét nghiệm"),
                rows, col_widths=TEST_COLUMNS, align=("center", "left", "left", "center", "center"),
            ),
        ]  # fmt: skip
    if sensitive.reproductive:
        lines = []
        for r in sensitive.reproductive:
            text = f"Ngày {format_date(r.on)}, {_lower_first(r.topic)}: {_lower_first(r.pregnant)}"
            if r.weeks:
                text += f", thai {r.weeks} tuần"
            if r.due_date:
                text += f", dự kiến sinh ngày {format_date(r.due_date)}"
            if r.note.strip():
                text += f". {_sentence(r.note)}"
            lines.append(text)
        out += [Heading(f"{_next(out)}. Sức khỏe sinh sản", centred=False), *items(lines)]
    # The restricted entries of the ordinary kinds, one line each (no table: nothing to split from its title).
    lines = []
    if sensitive.intake is not None:
        check = sensitive.intake
        lines.append(
            f"Khám sức khỏe ngày {format_date(check.checked_on)}: "
            + "; ".join(_lower_first(line) for line in check_lines(check))
        )
    lines += [f"Thuốc đang dùng: {_medication_text(m)}" for m in sensitive.medications]
    lines += [_referral_text(r) for r in sensitive.referrals] + [_observation_text(o) for o in sensitive.observations]
    if lines:
        out += [Heading(f"{_next(out)}. Các mục hạn chế khác", centred=False), *items(lines)]
    return out


def _next(parts: list[Block]) -> int:
    """The number of the next sensitive subsection: those with nothing to say are left out, not skipped."""
    return 1 + sum(1 for p in parts if isinstance(p, Heading) and p.text[:1].isdigit())


def health_document(paper: HealthPaper) -> OfficialDocument:
    summary, centre = paper.summary, paper.centre
    person = _person(summary.person)
    to = station(summary.person)
    who = named(person, summary.admitted_on)
    centre_name = centre.centre_name or "Trung tâm"
    body: list[Block] = [
        legal_bases(paper.day),
        Paragraph(
            f"{centre_name} trân trọng gửi Quý Trạm tóm tắt tình trạng sức khỏe của {who} để tiếp tục theo dõi, "
            "chăm sóc sức khỏe tại cộng đồng, cụ thể như sau:"
        ),
        *_general(summary, person),
        *_history(summary),
        *_vitals(summary),
        *_medications(summary),
        *_referrals(summary),
        *_observations(summary, OBSERVATION_DAYS),
    ]
    if summary.sensitive is not None:
        body += _sensitive(summary.sensitive, paper.day)
    body.append(
        Paragraph(
            f"Đề nghị Quý Trạm tiếp tục theo dõi, chăm sóc sức khỏe cho {who} tại cộng đồng và nhắc tái khám theo "
            f"lịch hẹn (nếu có). Khi cần thêm thông tin, đề nghị liên hệ {centre_name}./."
        )
    )
    return OfficialDocument(
        parent_agency=centre.parent_agency,
        issuer=centre_name,
        number=paper.number or None,
        symbol=symbol_of(centre),
        place=centre.place_name or "Lai Châu",
        date=paper.day,
        kind=TITLE,
        subject=SUBJECT,
        addressee=to,
        body=tuple(body),
        recipients=("Như trên", "Lưu: VT, Hồ sơ đối tượng"),
        signers=(director(centre),),
        title="Tóm tắt tình trạng sức khỏe",
    )


def render_health(paper: HealthPaper, marks: PageMarks = NO_MARKS) -> bytes:
    return render(health_document(paper), marks)
