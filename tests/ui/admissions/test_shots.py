"""Screenshots of every page of the wizard (SHOTS=1 only), in Vietnamese with realistic data."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

import centre_desk.i18n as i18n
from centre_desk.models.resident import Channel, Sex
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import AdmissionInput, ResidentInput
from centre_desk.ui.admissions import AdmissionWizard, DraftsDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.fonts import UI_FAMILY, load_fonts
from tests.conftest import Installed

OUT = Path("/tmp/shots/wizard")
pytestmark = pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1")

PAYLOAD = {
    "arrived_at": "03/02/2026 15:40",
    "channel": Channel.BORDER_GUARD.value,
    "referring_agency": "Đồn Biên phòng cửa khẩu Ma Lù Thàng",
    "referring_officer": "Thiếu tá Vàng A Sử",
    "referring_phone": "0912 345 678",
    "documents_received": ["declaration", "handover_record", "repatriation_papers"],
    "full_name": "Giàng Thị Mỷ",
    "other_names": "Mỷ Giàng",
    "birth_mode": "exact",
    "birth_date": "02/01/2011",
    "ethnic": "Mông (08)",
    "mother_tongue": "Tiếng Mông",
    "reads_vietnamese": "no",
    "interpreter_needed": True,
    "nationality": "Việt Nam",
    "id_document": "none",
    "home_province": "Lai Châu",
    "home_commune": "Xã Mường Tè",
    "legacy_commune": "xã Nậm Khao",
    "home_village": "Bản Nậm Hạ",
    "legacy_district": "Mường Tè",
    "guardian_name": "Giàng A Páo",
    "guardian_relation": "Bố",
    "guardian_phone": "0987 654 321",
    "contacts": [["Giàng Thị Dở", "Mẹ", "0978 111 222", "Bản Nậm Hạ, xã Mường Tè"], ["Giàng A Lử", "Anh trai", "", ""]],
    "is_pupil": True,
    "school_name": "Trường PTDTBT THCS Mường Tè",
    "school_grade": "Lớp 8",
    "school_stopped_on": "15/09/2025",
    "exploitation_country": "Trung Quốc",
    "exploitation_place": "Huyện Hà Khẩu, tỉnh Vân Nam",
    "exploitation_types": ["forced_marriage", "domestic_servitude"],
    "control_means": ["false_promises", "withholds_documents", "restricts_movement", "language_barrier"],
    "recruiter_relation": "acquaintance",
    "left_home_on": "20/09/2025",
    "returned_on": "03/02/2026",
    "border_gate": "Cửa khẩu Ma Lù Thàng",
    "how_freed": "rescued_vietnam",
    "narrative": (
        "Một người quen trong bản rủ sang bên kia làm thuê, hứa trả lương cao.\n"
        "Bị đưa đến một gia đình và ép lấy chồng."
    ),
    "consents": {
        "processing": {"recorded": True, "given": True, "on": "", "by": "Giàng Thị Mỷ"},
        "child_assent": {"recorded": True, "given": True, "on": "", "by": "Giàng Thị Mỷ"},
        "guardian_consent": {"recorded": True, "given": True, "on": "", "by": "Giàng A Páo"},
        "photo": {"recorded": True, "given": False, "on": "", "by": "Giàng A Páo"},
        "sharing": {"recorded": True, "given": True, "on": "", "by": "Giàng A Páo"},
    },
    "belongings": [["Điện thoại Oppo A57", "1", "Vỡ màn hình"], ["Áo khoác", "2", "Cũ"], ["Vòng bạc", "1", "Còn tốt"]],
    "money_vnd": "150.000",
    "money_other": "200 nhân dân tệ (CNY)",
    "injured": True,
    "condition_note": "Vết bầm ở tay trái, mệt, ăn ít.",
    "urgent_needs": "Quần áo ấm, gọi điện cho bố.",
    "pregnancy_suspected": False,
}


def test_screenshots(qtbot: QtBot, installed: Installed, intake: Actor, events: AppEvents, no_questions: list) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    load_fonts()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setFont(QFont(UI_FAMILY, 10))
    i18n.install("vi")
    try:
        installed.centre.admissions.admit(
            intake,
            AdmissionInput(
                resident=ResidentInput("Giàng Thị Mỷ", Sex.FEMALE, "08", birth_year=2011, guardian_name="Giàng A Páo",
                                       home_commune="Xã Mường Tè"),
                arrived_at=datetime.now().astimezone() - timedelta(days=700),
                channel=Channel.BORDER_GUARD,
            ),
        )  # fmt: skip
        wizard = AdmissionWizard(installed.centre.admissions, installed.centre.drafts, intake, events)
        qtbot.addWidget(wizard)
        wizard.resize(1366, 728)  # the office PC's screen without the taskbar
        for page in wizard.pages:
            page.load(PAYLOAD)
        wizard.show()
        qtbot.waitExposed(wizard)
        for index in range(len(wizard.pages)):
            wizard.go_to(index)
            qtbot.wait(30)
            wizard.grab().save(str(OUT / f"{index + 1:02d}.png"))
        wizard.pages[2].guardian_name.setText("")
        wizard.pages[1].birth_date.setText("31/02/2011")
        wizard.pages[7].items.append(["Bộ quần áo", "3 bộ", "Cũ"])
        wizard.save()
        qtbot.wait(30)
        wizard.grab().save(str(OUT / "save-refused.png"))
        wizard.go_to(1)
        qtbot.wait(30)
        wizard.grab().save(str(OUT / "error-birth-date.png"))
        wizard.go_to(7)
        qtbot.wait(30)
        wizard.grab().save(str(OUT / "error-quantity.png"))
        wizard.go_to(2)
        wizard.pages[2].commune.setEditText("Xã Hồng Thu")
        wizard.pages[2]._show_chosen("xã Ma Quai")
        wizard.pages[2].commune.setFocus()
        wizard.pages[2].commune.lineEdit().setText("ma q")
        wizard.pages[2].commune.lineEdit().textEdited.emit("ma q")
        qtbot.wait(30)
        wizard.grab().save(str(OUT / "commune-suggestions.png"))
        popup = wizard.pages[2].commune.completer().popup()
        assert popup is not None and popup.isVisible()
        popup.grab().save(str(OUT / "commune-suggestions-popup.png"))
        wizard._autosave.stop()
        dialog = DraftsDialog(installed.centre.drafts.mine(intake))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(OUT / "drafts.png"))
    finally:
        i18n.install("vi")
