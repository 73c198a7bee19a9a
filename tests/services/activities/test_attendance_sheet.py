"""The attendance sheet as printed (pdftotext): the Decree 30 header, the session, every resident with her code and
year of birth, an empty signature column, the count with those from outside, the two signatures; fonts embedded."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from tests.conftest import Installed
from tests.reports.test_lodging_papers import pdftotext
from tests.services.activities.support import NOW, START, people, residents, session
from tests.support.pdf import fonts


@pytest.fixture
def sheet(installed: Installed) -> tuple[Installed, int, dict[Role, Actor]]:
    who = residents(installed)
    staff = people(installed)
    wanted = session(who["mai"], who["xuan"], who["pa"], starts_at=START + timedelta(days=1, hours=7),
                     note="Các em sôi nổi đặt câu hỏi")  # fmt: skip
    made = installed.centre.activities.create(staff[Role.INTAKE], wanted)
    return installed, made.row.id, staff


def test_the_sheet_lists_every_resident_with_a_signature_column(
    sheet: tuple[Installed, int, dict[Role, Actor]], tmp_path: Path
) -> None:
    installed, session_id, staff = sheet
    out = tmp_path / "danh-sach.pdf"
    out.write_bytes(installed.centre.activities.attendance_pdf(staff[Role.INTAKE], session_id))
    text = "\n".join(pdftotext(out))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "DANH SÁCH" in text
    assert "Người tham gia buổi sinh hoạt chuyên đề ngày" in text
    assert "Nội dung: Phòng, chống mua bán người." in text
    assert "Người hướng dẫn: Cán bộ Hội Liên hiệp Phụ nữ tỉnh." in text
    assert "(90 phút)" in text and "Địa điểm: Hội trường." in text
    assert "STT Họ và tên Mã hồ sơ Năm sinh Ký tên" in text
    year = NOW.year - 25
    for n, name in enumerate(("Giàng Thị Mai", "Lò Thị Xuân", "Sùng Thị Pà"), 1):
        assert any(line.startswith(f"{n} {name} LC-") and line.endswith(str(year)) for line in text.splitlines())
    flat = " ".join(text.split())  # a paragraph wraps where the page decides
    assert "Tổng số người tham gia: 5 người, gồm 3 người đang được chăm sóc tại Trung tâm và 2 người ngoài" in flat
    assert "Ghi chú: Các em sôi nổi đặt câu hỏi" in flat
    assert "NGƯỜI HƯỚNG DẪN" in text and "NGƯỜI LẬP DANH SÁCH" in text and "Cán bộ intake" in text
    assert all(fonts(out).values())
