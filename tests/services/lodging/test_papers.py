"""The roll-call sheet and the printed bed board through LodgingService (PRINT on LODGING, audited, demo mark),
on SQLite and PostgreSQL. The papers' exact text is tested in tests/reports/test_lodging_papers.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from centre_desk.errors import PermissionDenied, ValidationError
from centre_desk.models.audit import AuditEvent
from centre_desk.models.centre import AppSetting
from centre_desk.models.lodging import Presence, Room
from centre_desk.models.staff import Role
from centre_desk.reports.marks import DEMO_WATERMARK
from centre_desk.services.demo.marker import DEMO_KEY
from centre_desk.services.lodging import LodgingService
from tests.conftest import Installed
from tests.reports.test_lodging_papers import pdftotext
from tests.reports.test_paper_texts import diagonal_text
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import Clock, at, lodging, resident, room, stay

DAY = date(2026, 5, 14)
AGE = DAY.year - (datetime.now(UTC).year - 25)  # tests.support.registry_data.admit: born 25 years before now


def _centre(installed: Installed) -> tuple[LodgingService, dict[str, int], list[int]]:
    """Phòng 101 (Nhà A): Mai, and Mỷ in hospital since 15:00; Phòng 201 (Nhà B): Dợ; Hoa without a bed."""
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 15))
    service = lodging(centre, clock)
    a1, a2 = room(centre, "Nhà A", "Phòng 101", ("G1", "G2"))
    (b1,) = room(centre, "Nhà B", "Phòng 201", ("G1",))
    before = DAY - timedelta(days=3)
    people = [
        resident(centre, manager, name, at(before, 9 + n))
        for n, name in enumerate(("Lò Thị Mai", "Giàng Thị Mỷ", "Sùng Thị Dợ", "Lò Thị Hoa"))
    ]
    for rid, bed in zip(people, (a1, a2, b1), strict=False):
        stay(centre, rid, bed, at(before, 12))
    service.set_presence(manager, people[1], Presence.HOSPITAL, "Bệnh viện tỉnh")
    clock.now = at(DAY, 22)
    with centre.sessions() as s:
        rooms = {str(building): int(i) for i, building in s.execute(select(Room.id, Room.building))}
    return service, rooms, people


def _text(tmp_path: Path, pdf: bytes, name: str = "paper.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return "\n".join(pdftotext(path))


def _audited(installed: Installed, action: str) -> list[str]:
    with installed.centre.sessions() as s:
        return [str(r) for r in s.scalars(select(AuditEvent.record_id).where(AuditEvent.action == action))]


def test_roll_call_sheet_of_an_evening(installed: Installed, tmp_path: Path) -> None:
    service, _rooms, _people = _centre(installed)
    text = _text(tmp_path, service.roll_call_pdf(installed.manager, DAY))
    assert "Điểm danh buổi tối ngày 14/05/2026" in text and "Lai Châu, ngày 14 tháng 5 năm 2026" in text
    rows = [line for line in text.splitlines() if line[:2] in ("1 ", "2 ")]
    assert rows == [
        f"1 G1 Lò Thị Mai Nữ, {AGE} Có mặt",
        f"2 G2 Giàng Thị Mỷ Nữ, {AGE} Nằm viện Từ 14/05",
        f"1 G1 Sùng Thị Dợ Nữ, {AGE} Có mặt",
        f"1 — Lò Thị Hoa Nữ, {AGE} Có mặt",
    ]
    assert "1. Phòng 101 (Nhà A, Tầng 1)" in text and "3. Chưa bố trí giường" in text
    assert "Tổng sĩ số toàn Trung tâm: có mặt 3/4; nằm viện 1." in text.replace("\n", " ")
    assert "Bệnh viện tỉnh" not in text  # the presence note stays on the screen
    assert not any(diagonal_text(tmp_path / "paper.pdf"))  # not a demo
    assert _audited(installed, "lodging.roll_call_printed") == ["4"]


def test_roll_call_of_chosen_rooms_and_of_no_future_day(installed: Installed, tmp_path: Path) -> None:
    service, rooms, _people = _centre(installed)
    text = _text(tmp_path, service.roll_call_pdf(installed.manager, DAY, [rooms["Nhà B"]]))
    assert "1. Phòng 201 (Nhà B, Tầng 1)" in text and "Phòng 101" not in text and "Chưa bố trí" not in text
    assert "Tổng sĩ số toàn Trung tâm: có mặt 1/1." in text
    with pytest.raises(ValidationError) as refused:
        service.roll_call_pdf(installed.manager, DAY + timedelta(days=1))
    assert refused.value.field == "day"


def test_the_printed_board(installed: Installed, tmp_path: Path) -> None:
    service, _rooms, _people = _centre(installed)
    text = _text(tmp_path, service.board_pdf(installed.manager))
    assert "SƠ ĐỒ GIƯỜNG" in text
    assert [line for line in text.splitlines() if line[:2] in ("G1", "G2")] == [
        f"G1 Có người ở Lò Thị Mai Nữ, {AGE} Có mặt Từ 11/05/2026",
        f"G2 Có người ở Giàng Thị Mỷ Nữ, {AGE} Nằm viện Từ 11/05/2026",
        f"G1 Có người ở Sùng Thị Dợ Nữ, {AGE} Có mặt Từ 11/05/2026",
    ]
    assert f"Chưa bố trí giường (1 người): Lò Thị Hoa (Nữ, {AGE})." in text
    one = _text(tmp_path, service.board_pdf(installed.manager, building="Nhà B"), "b.pdf")
    assert "Phòng 201" in one and "Phòng 101" not in one and "(Nhà B)" in one and "Chưa bố trí" not in one
    assert _audited(installed, "lodging.board_printed") == ["3", "1"]


def test_printing_needs_print_on_lodging(installed: Installed) -> None:
    service, _rooms, _people = _centre(installed)
    counsellor = staff(installed, Role.COUNSELLOR)  # may look at the census, not print it
    assert service.census(counsellor, DAY).in_centre == 3
    with pytest.raises(PermissionDenied):
        service.roll_call_pdf(counsellor, DAY)
    with pytest.raises(PermissionDenied):
        service.board_pdf(counsellor)
    assert _audited(installed, "lodging.roll_call_printed") == _audited(installed, "lodging.board_printed") == []
    nurse = staff(installed, Role.NURSE)
    assert service.roll_call_pdf(nurse, DAY).startswith(b"%PDF")


def test_a_demo_database_marks_every_page(installed: Installed, tmp_path: Path) -> None:
    service, _rooms, _people = _centre(installed)
    with installed.centre.sessions.begin() as s:
        s.add(AppSetting(key=DEMO_KEY, value="1", version=1))
    printed = {"r.pdf": service.roll_call_pdf(installed.manager, DAY), "b.pdf": service.board_pdf(installed.manager)}
    for name, pdf in printed.items():
        (tmp_path / name).write_bytes(pdf)
        marks = diagonal_text(tmp_path / name)
        assert marks and all(DEMO_WATERMARK in page for page in marks)
