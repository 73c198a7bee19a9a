"""The attendance sheet of a group session — "DANH SÁCH người tham gia buổi sinh hoạt …" — laid out by
reports/official.py (Decree 30/2020/NĐ-CP): the centre's header, the session (topic, who led it, when, how long,
where), one line per resident who took part (STT, họ và tên, mã hồ sơ, năm sinh, an EMPTY "Ký tên" column for
her signature), the count with the participants from outside the centre, then the facilitator and the person
who made the list sign.

An internal list of the centre, not an outgoing document: no number from the register, the place of "Số: …" is
left empty (as the night roll-call sheet, reports/lodging.py). A demo database's sheet carries the demo
watermark. The input is plain frozen data with every word already Vietnamese (services/activities/papers.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from centre_desk.formatting import format_date
from centre_desk.reports.lodging import SIGN_HINT, clock_text, internal_list, who_column
from centre_desk.reports.official import NO_MARKS, Block, OfficialDocument, PageMarks, Paragraph, Signer, Table, render
from centre_desk.reports.paper_inputs import CentreHeader
from centre_desk.reports.paper_text import BLANK

__all__ = ["AttendanceLine", "AttendanceSheet", "attendance_document", "render_attendance"]

COLUMNS = (12.0, 62.0, 36.0, 22.0, 33.0)  # mm of the 165 mm text width


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    person: str  # the name, or the alias when the account may not see names
    code: str
    birth_year: str  # "2009", or "" when unknown


@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    centre: CentreHeader
    activity: str  # "buổi sinh hoạt chuyên đề" — the kind, as the title says it
    kind: str  # "Sinh hoạt chuyên đề phòng ngừa"
    topic: str
    facilitator: str  # who led it (a staff member and/or someone from outside)
    starts_at: datetime.datetime  # local time
    minutes: int
    place: str
    lines: tuple[AttendanceLine, ...]
    outside_count: int
    note: str
    made_by: str  # the person who made the list
    names_shown: bool


def _time(sheet: AttendanceSheet) -> str:
    end = sheet.starts_at + datetime.timedelta(minutes=sheet.minutes)
    return (
        f"Thời gian: từ {clock_text(sheet.starts_at)} đến {clock_text(end)} ngày {format_date(sheet.starts_at.date())} "
        f"({sheet.minutes} phút)."
    )


def _count(sheet: AttendanceSheet) -> str:
    residents = f"{len(sheet.lines)} người đang được chăm sóc tại Trung tâm"
    if not sheet.outside_count:
        return f"Tổng số người tham gia: {residents}."
    total = len(sheet.lines) + sheet.outside_count
    return f"Tổng số người tham gia: {total} người, gồm {residents} và {sheet.outside_count} người ngoài Trung tâm."


def attendance_document(sheet: AttendanceSheet) -> OfficialDocument:
    centre = sheet.centre
    details = [
        f"Hình thức: {sheet.kind}.",
        f"Nội dung: {sheet.topic.rstrip('.')}.",
        f"Người hướng dẫn: {sheet.facilitator or BLANK}.",
        _time(sheet),
        f"Địa điểm: {sheet.place.rstrip('.') or BLANK}.",
    ]
    body: list[Block] = [Paragraph(line, indent_first_line=False) for line in details]
    if sheet.lines:
        body.append(
            Table(
                ("STT", who_column(sheet.names_shown), "Mã hồ sơ", "Năm sinh", "Ký tên"),
                tuple((str(n), x.person, x.code, x.birth_year, "") for n, x in enumerate(sheet.lines, 1)),
                col_widths=COLUMNS,
                align=("center", "left", "center", "center", "left"),
            )
        )
    else:
        body.append(Paragraph("Không có người đang được chăm sóc tại Trung tâm tham gia buổi sinh hoạt này."))
    body.append(Paragraph(_count(sheet), bold=True, indent_first_line=False))
    if sheet.note.strip():
        body.append(Paragraph(f"Ghi chú: {' '.join(sheet.note.split())}", indent_first_line=False))
    day = sheet.starts_at.date()
    return internal_list(
        centre,
        day,
        kind="DANH SÁCH",
        subject=f"Người tham gia {sheet.activity} ngày {format_date(day)}",
        body=tuple(body),
        signers=(
            Signer(title="NGƯỜI HƯỚNG DẪN", name=sheet.facilitator, hint=SIGN_HINT),
            Signer(title="NGƯỜI LẬP DANH SÁCH", name=sheet.made_by, hint=SIGN_HINT),
        ),
        title="Danh sách tham gia sinh hoạt",
    )


def render_attendance(sheet: AttendanceSheet, marks: PageMarks = NO_MARKS) -> bytes:
    return render(attendance_document(sheet), marks)
