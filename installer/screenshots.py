"""Regenerate the README screenshots (offscreen, Vietnamese, synthetic data), each window at the size the
program gives it on an office PC's screen (1366×768 less a 40-pixel taskbar: ui/widgets/window_fit.py).

QT_QPA_PLATFORM=offscreen .venv/bin/python installer/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keyring
from sqlalchemy import select

from PySide6.QtCore import QSettings, QThread, QThreadPool
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from centre_desk import i18n
from centre_desk.errors import AuthenticationFailed
from centre_desk.models import Resident
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.security.credentials import CHEAP_ARGON2, LayeredCustody, PassphraseCustody
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise
from centre_desk.services.settings import CentreDetails
from installer.screenshots_casework import casework_screens
from installer.screenshots_health import health_screens
from installer.screenshots_support import support_screens
from tests.support.memory_keyring import MemoryKeyring

STAFF = [
    ("mai.lt", "Lò Thị Mai", Role.NURSE),
    ("sinh.va", "Vàng A Sình", Role.INTAKE),
    ("dua.gt", "Giàng Thị Dua", Role.COUNSELLOR),
    ("quantri", "Trần Văn Đức", Role.ADMINISTRATOR),
]


def grab(widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))
    print("wrote", out / f"{name}.png")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    i18n.install("vi")
    app = QApplication([])
    from PySide6.QtCore import QRect

    from centre_desk import app as desktop
    from centre_desk.ui.widgets import window_fit

    window_fit.available_area = lambda _widget=None: QRect(0, 0, 1366, 728)  # the office PC's screen
    remembered = tempfile.mkdtemp()  # no window sizes remembered from earlier runs or from the real program
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, remembered)
    from centre_desk.ui.fonts import UI_FAMILY, load_fonts
    from centre_desk.ui.lock.screen import LockController
    from centre_desk.ui.login.dialog import LoginDialog

    desktop._load_qt_translations(app)
    load_fonts()
    font = app.font()
    font.setFamily(UI_FAMILY)
    app.setFont(font)
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:  # a late anchor copy may still land
        data = Path(tmp) / "data"
        custody = LayeredCustody(PassphraseCustody(data / "keys", lambda _c: "", CHEAP_ARGON2))
        options = Options(data, passwords=Passwords(cheap_hasher()), custody=custody)
        details = CentreDetails(
            date(2025, 3, 1),
            "Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu",
            parent_agency="SỞ Y TẾ TỈNH LAI CHÂU",
            address="Tổ 13, phường Tân Phong",
            province="Lai Châu",
            place_name="Lai Châu",
            director_name="Mai Văn Tùng",
            director_title="Giám đốc",
            abbreviation="CSBTXH",
            founding_decision="Quyết định số 32/2014/QĐ-UBND ngày 25 tháng 9 năm 2014 của UBND tỉnh Lai Châu",
        )
        manager = NewAccount("giamdoc", "Mai Văn Tùng", "núi cao suối sâu bản xa", frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, details)
        actor = centre.accounts.authenticate("giamdoc", "núi cao suối sâu bản xa")
        for login, name, role in STAFF:
            centre.accounts.create(actor, NewAccount(login, name, "mật khẩu tạm thời 2026", frozenset({role})))
        for attempt in ("sinh.va", "sinh.va", "khach"):
            with contextlib.suppress(AuthenticationFailed):
                centre.accounts.authenticate(attempt, "đoán bừa")
        centre.backups.create(actor, kind="manual")

        login = LoginDialog(centre.accounts, centre.centre_name())
        login.resize(460, 300)
        grab(login, out, "login")

        settings = QSettings(str(data / "ui.ini"), QSettings.Format.IniFormat)
        session = desktop.DesktopSession(app, centre, settings)
        session.sign_in(actor)
        window = session.window
        assert window is not None
        grab(window, out, "shell")
        window.show_page("administration")
        tabs = window.findChild(QTabWidget, "administrationTabs")
        assert tabs is not None
        for index, name in enumerate(("users", "centre-details", "rooms-admin", "audit", "backups")):
            tabs.setCurrentIndex(index)
            for _ in range(30):
                QApplication.processEvents()
            grab(window, out, name)
        issue4_screens(app, centre, actor, session, out)
        lodging_screens(centre, actor, session, out)
        health_screens(centre, actor, session, out, grab, settle)
        casework_screens(centre, actor, session, out, grab, settle)
        support_screens(centre, actor, session, out, grab, settle)
        lock = LockController(centre.accounts, actor)
        lock.lock()
        QApplication.processEvents()
        assert lock.dialog is not None
        grab(lock.dialog, out, "lock")
        lock.unlock()
        session._close_window()
        centre.close()


def issue4_screens(app: QApplication, centre: Centre, actor: Actor, session: object, out: Path) -> None:
    """Registry, admission wizard, record window and the three admission papers, on demo data."""
    from centre_desk.services.demo import create as demo
    from centre_desk.ui.admissions import AdmissionWizard
    from centre_desk.ui.documents.preview import DocumentPreviewDialog, notice_for, paper_title
    from centre_desk.ui.record.window import RecordWindow
    from tests.ui.admissions.test_shots import PAYLOAD

    demo.populate(centre, 400, seed=7)
    window = session.window  # type: ignore[attr-defined]
    window.show_page("administration")
    tabs = window.findChild(QTabWidget, "administrationTabs")
    tabs.setCurrentIndex(3)
    audit_page = tabs.currentWidget()
    audit_page.search_button.click()
    for _ in range(60):
        QApplication.processEvents()
        QThread.msleep(10)
    grab(window, out, "audit")
    window.show_page("residents")
    page = window.findChild(QWidget, "registryPage")
    for _ in range(300):  # the first page is read on a worker thread
        QApplication.processEvents()
        QThread.msleep(10)
        if page.model.rowCount() and not page.loading:  # type: ignore[union-attr]
            break
    grab(window, out, "registry")
    page.search_edit.setText("nguyen thi huong")  # type: ignore[union-attr]
    for _ in range(40):
        QApplication.processEvents()
        QThread.msleep(10)
    grab(window, out, "registry-search")
    wizard = AdmissionWizard(centre.admissions, centre.drafts, actor, session.events)  # type: ignore[attr-defined]
    for wizard_page in wizard.pages:
        wizard_page.load(PAYLOAD)
    wizard.show()
    for index, name in ((1, "wizard-identity"), (4, "wizard-trafficking"), (6, "wizard-consent"), (9, "wizard-review")):
        wizard.go_to(index)
        for _ in range(20):
            QApplication.processEvents()
        grab(wizard, out, name)
    wizard._autosave.stop()
    wizard.hide()
    with centre.read_sessions() as s:
        again = s.scalar(
            select(Resident.id)
            .where(Resident.previous_resident_id.is_not(None))
            .order_by(Resident.is_pupil.desc(), Resident.birth_year.desc(), Resident.id.desc())
        )
    assert again is not None
    record = RecordWindow(centre.residents, actor, session.events, again, print_document=lambda _kind: None)  # type: ignore[attr-defined]
    grab(record, out, "record-profile")
    record.tabs.setCurrentIndex(1)
    grab(record, out, "record-admission")
    record.close()
    preview = centre.documents.preview(actor, "admission-decision", again)
    dialog = DocumentPreviewDialog(None, paper_title("admission-decision"), preview.pdf, "qd.pdf", None,
                                   notice_for(preview))  # fmt: skip
    dialog.show()
    for _ in range(40):
        QApplication.processEvents()
        QThread.msleep(10)
    grab(dialog, out, "preview")
    dialog.close()
    for kind in ("admission-record", "admission-decision", "belongings-receipt"):
        pdf = out / f"{kind}.pdf"
        pdf.write_bytes(centre.documents.render(actor, kind, again))
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), str(out / kind)], check=True)
        pdf.unlink()
        print("wrote", out / f"{kind}-1.png")


def settle(until: Callable[[], bool], rounds: int = 500) -> None:
    """Let the event loop run (worker threads report back) until `until()` or about `rounds` × 10 ms."""
    for _ in range(rounds):
        QApplication.processEvents()
        if until():
            break
        QThread.msleep(10)
    for _ in range(10):
        QApplication.processEvents()


def lodging_screens(centre: Centre, actor: Actor, session: object, out: Path) -> None:
    """The Phòng ở page (bed board, census), a record's Phòng ở tab and the roll-call sheet, on the demo data."""
    from centre_desk.ui.lodging.census import CensusView
    from centre_desk.ui.lodging.page import LodgingPage
    from centre_desk.ui.lodging.rooms_admin import RoomsAdminPage

    window = session.window  # type: ignore[attr-defined]
    window.show_page("administration")
    tabs = window.findChild(QTabWidget, "administrationTabs")
    rooms_admin = window.findChild(RoomsAdminPage)
    tabs.setCurrentWidget(rooms_admin)
    rooms_admin.refresh()  # read synchronously: a few rows
    settle(lambda: True, 20)
    grab(window, out, "rooms-admin")
    window.show_page("rooms")
    page = window.findChild(LodgingPage)
    before = page.board.board  # read at sign-in, before the demo data
    page.board.load()
    settle(lambda: page.board.board is not before and not page.board.loading)
    grab(window, out, "bed-board")
    page.setCurrentIndex(1)
    census = window.findChild(CensusView)
    before = census.census
    census.refresh()
    settle(lambda: census.census is not before and not census.loading)
    grab(window, out, "census")
    board = centre.lodging.board(actor)
    placed = [b.occupant.resident_id for r in board.rooms for b in r.beds if b.occupant is not None]

    def richness(rid: int) -> int:  # the record with the most to show: moves, leave, links, a near deadline
        found = centre.lodging.resident_lodging(actor, rid)
        near = found.clock is not None and found.clock.level in ("soon", "urgent")
        return len(found.stays) + len(found.leaves) + 2 * len(found.keep_apart) + 2 * near

    shown = max(placed, key=richness)
    record = session.residents.show_record(shown)  # type: ignore[attr-defined]  # as from the registry
    record.resize(1280, 689)  # as the record window opens on the office screen (the one before it was shrunk)
    record.tabs.setCurrentIndex(2)
    tab = record.tabs.currentWidget()
    settle(lambda: getattr(tab, "data", None) is not None and not getattr(tab, "loading", True))
    grab(record, out, "record-lodging")
    record.close()
    window.show_page("overview")
    settle(lambda: False, 150)  # the stay-limit and leave lists are read on a worker thread
    grab(window, out, "overview")
    pdf = out / "roll-call.pdf"
    pdf.write_bytes(centre.lodging.roll_call_pdf(actor))
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), str(out / "roll-call")], check=True)
    pdf.unlink()
    print("wrote", out / "roll-call-1.png")
    QThreadPool.globalInstance().waitForDone()  # the pages' reads and their audit rows end before the data goes


if __name__ == "__main__":
    main()
