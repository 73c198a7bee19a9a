"""Every window of the program, built as a signed-in manager would see it, with every page it can show.

The window-size test, the access-key test and the screenshots walk this catalogue. `test_window_fit`
also checks that each QDialog / QMainWindow / QWizard subclass under centre_desk.ui is in it, so a new
window cannot be left out.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import shiboken6
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QTabWidget, QWidget

from centre_desk import i18n
from centre_desk.models.lodging import Presence
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.dto import NewAccount
from centre_desk.services.entries.kinds import kind
from centre_desk.services.health.dto import TodayRow
from centre_desk.services.installation import PassphraseFile
from centre_desk.ui.administration.centre_settings.version_dialog import NewVersionDialog
from centre_desk.ui.administration.users.account_dialog import AccountDialog
from centre_desk.ui.administration.users.password_dialog import ResetPasswordDialog
from centre_desk.ui.administration.users.recovery_unlock import RecoveryUnlockDialog
from centre_desk.ui.admissions import dialogs
from centre_desk.ui.admissions.dialogs import DraftsDialog
from centre_desk.ui.admissions.wizard import AdmissionWizard
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.entries.form import EntryDialog
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.first_run.pages import PageId
from centre_desk.ui.first_run.wizard import FirstRunWizard
from centre_desk.ui.fonts import UI_FAMILY, load_fonts
from centre_desk.ui.health.round_dialog import RoundDialog
from centre_desk.ui.health.summary_print import SummaryChoiceDialog
from centre_desk.ui.lock.screen import OtherUserDialog, UnlockDialog
from centre_desk.ui.lodging.census import CensusView
from centre_desk.ui.lodging.census_dialogs import PresenceDialog
from centre_desk.ui.lodging.leave_dialog import LeaveDialog
from centre_desk.ui.login.change_password import ChangePasswordDialog
from centre_desk.ui.login.dialog import LoginDialog
from centre_desk.ui.qt_strings import CatalogueTranslator
from centre_desk.ui.record.conflict import ConflictDialog, differences
from centre_desk.ui.record.consent_dialogs import AddConsentDialog, WithdrawConsentDialog
from centre_desk.ui.record.extension_dialog import ExtensionDialog
from centre_desk.ui.record.extras import record_extras
from centre_desk.ui.record.keep_apart_dialog import KeepApartDialog
from centre_desk.ui.record.opening import registry_search
from centre_desk.ui.record.profile_form import ProfileForm
from centre_desk.ui.record.window import RecordWindow
from centre_desk.ui.shell.desktop import DesktopSession
from centre_desk.ui.shell.main_window import MainWindow
from centre_desk.ui.shell.pages import build_pages
from centre_desk.ui.unlock.dialog import OpenDatabaseDialog, Stage
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.registry_data import sample_residents
from tests.ui.admissions.test_shots import PAYLOAD
from tests.ui.lodging.census_support import living_centre
from tests.ui.record.support import admit_readmitted_pupil

SCREEN = (1366, 728)  # a 1366×768 office screen less the Windows taskbar
FONT_POINTS = 10  # a little above Windows' 9 pt default, so there is room to spare


@dataclass
class View:
    """One state of a window worth looking at: a page, a tab, the editing mode…"""

    name: str
    show: Callable[[], None] = lambda: None


@dataclass
class Opened:
    window: QWidget
    views: list[View] = field(default_factory=lambda: [View("as opened")])
    before_close: Callable[[], None] = lambda: None  # e.g. leave the editing mode, so closing asks nothing


@dataclass
class Context:
    installed: Installed
    qtbot: QtBot
    tmp_path: Path
    resident_id: int

    @property
    def manager(self) -> Actor:
        return self.installed.manager


Factory = Callable[[Context], Opened]


@dataclass(frozen=True)
class Entry:
    name: str
    cls: type[QWidget]
    build: Factory


def vietnamese_ui() -> Iterator[None]:
    """The bundled font at office size, Vietnamese catalogue, Qt's own strings translated too."""
    load_fonts()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_font, old_locale = app.font(), QLocale()
    app.setFont(QFont(UI_FAMILY, FONT_POINTS))
    i18n.install("vi")
    QLocale.setDefault(QLocale("vi"))
    translator = CatalogueTranslator(app)
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)
        app.setFont(old_font)
        QLocale.setDefault(old_locale)


def context(installed: Installed, qtbot: QtBot, tmp_path: Path) -> Context:
    admitted = admit_readmitted_pupil(installed.centre, installed.manager)
    return Context(installed, qtbot, tmp_path, admitted.resident_id)


# --- the windows -----------------------------------------------------------------------------------------------


def _tab_views(tabs: QTabWidget, prefix: str = "") -> list[View]:
    return [
        View(f"{prefix}{tabs.tabText(i).replace('&', '')}", lambda i=i: tabs.setCurrentIndex(i))
        for i in range(tabs.count())
    ]


def main_window(ctx: Context) -> Opened:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    centre = ctx.installed.centre
    settings = QSettings(str(ctx.tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    session = DesktopSession(app, centre, settings)
    session._daily.stop()
    window = MainWindow(
        centre.centre_name(),
        centre.target.describe(),
        ctx.manager,
        build_pages(centre, ctx.manager, session.events, session),
    )
    window._test_session = session  # type: ignore[attr-defined]  # kept alive with the window
    sample_residents(centre, ctx.manager, 25)
    registry = session.residents.page if session.residents is not None else None

    def show(key: str) -> None:
        window.show_page(key)
        if key == "residents" and registry is not None:
            ctx.qtbot.waitUntil(lambda: not registry.loading, timeout=10_000)

    views: list[View] = []
    for row in range(window.navigation.count()):
        key = str(window.navigation.item(row).data(0x0100))
        page = window.stack.widget(row)
        views.append(View(key, lambda k=key: show(k)))
        if isinstance(page, QTabWidget):
            for tab in _tab_views(page, f"{key}/"):
                views.append(View(tab.name, lambda k=key, t=tab: (window.show_page(k), t.show())))
    return Opened(window, views)


def record_window(ctx: Context) -> Opened:
    centre = ctx.installed.centre
    window = RecordWindow(
        centre.residents, ctx.manager, AppEvents(), ctx.resident_id, print_document=lambda _kind: None,
        lodging=centre.lodging, choose_bed=lambda _rid: None,
        search_residents=registry_search(centre.registry, ctx.manager), entries=centre.entries,
        entry_extras=record_extras(centre), discharge=centre.discharge,
    )  # fmt: skip
    views = _tab_views(window.tabs)
    for tab in window.entry_tabs:  # each page of the tabs of dated entries, the extra panels (charts) among them
        title = window.tabs.tabText(window.tabs.indexOf(tab))
        for code in tab.codes:
            views.append(
                View(f"{title}/{code}", lambda t=tab, c=code: (window.tabs.setCurrentWidget(t), t.show_page(c)))
            )
    views.append(View("editing the profile", lambda: window.start_edit(window.profile_tab)))
    views.append(View("editing the admission", lambda: (window.cancel_edit(), window.start_edit(window.stay_tab))))
    return Opened(window, views, window.cancel_edit)


def admission_wizard(ctx: Context) -> Opened:
    centre = ctx.installed.centre
    wizard = AdmissionWizard(centre.admissions, centre.drafts, ctx.manager, AppEvents())
    for page in wizard.pages:
        page.load(PAYLOAD)
    views = [View(f"{i + 1}. {page.title}", lambda i=i: wizard.go_to(i)) for i, page in enumerate(wizard.pages)]
    return Opened(wizard, views, wizard._autosave.stop)


def preview(ctx: Context) -> Opened:
    pdf = ctx.installed.centre.documents.render(ctx.manager, "admission-record", ctx.resident_id)
    dialog = DocumentPreviewDialog(None, "Biên bản tiếp nhận", pdf, "bien-ban-tiep-nhan.pdf")
    return Opened(dialog, [View("as opened", lambda: ctx.qtbot.wait(400))])  # the page is drawn in the background


def login(ctx: Context) -> Opened:
    return Opened(LoginDialog(ctx.installed.centre.accounts, ctx.installed.centre.centre_name()))


def unlock(ctx: Context) -> Opened:
    dialog = UnlockDialog(ctx.installed.centre.accounts, ctx.manager)
    dialog._may_close = True  # type: ignore[attr-defined]
    return Opened(dialog)


def other_user(ctx: Context) -> Opened:
    return Opened(OtherUserDialog(None, ctx.installed.centre.accounts))  # type: ignore[arg-type]


def change_password(ctx: Context) -> Opened:
    return Opened(ChangePasswordDialog(ctx.installed.centre.accounts, ctx.manager, forced=True))


def first_run(ctx: Context) -> Opened:
    def refuse(*_args: object) -> tuple[object, str]:
        raise AssertionError("the catalogue never creates a database")

    wizard = FirstRunWizard(refuse, needs_passphrase=True)  # type: ignore[arg-type]
    wizard.recovery_page.set_key("ABCD-EFGH-" * 5 + "WXYZ", ctx.installed.centre.centre_name(), "máy này")

    def page(page_id: PageId) -> Callable[[], None]:
        def show() -> None:
            wizard.setStartId(page_id)
            wizard.restart()

        return show

    return Opened(wizard, [View(p.name.lower(), page(p)) for p in PageId])


def _account(ctx: Context) -> object:
    accounts = ctx.installed.centre.accounts
    accounts.create(ctx.manager, NewAccount("ytaxa", "Lò Thị Hoa", MANAGER_PASSWORD, frozenset({Role.NURSE})))
    return next(a for a in accounts.all_accounts(ctx.manager) if a.login == "ytaxa")


def new_account(ctx: Context) -> Opened:
    return Opened(AccountDialog(None, None))


def edit_account(ctx: Context) -> Opened:
    return Opened(AccountDialog(None, _account(ctx)))  # type: ignore[arg-type]


def reset_password(ctx: Context) -> Opened:
    return Opened(ResetPasswordDialog(None, _account(ctx)))  # type: ignore[arg-type]


def add_consent(ctx: Context) -> Opened:
    return Opened(AddConsentDialog(None))


def withdraw_consent(ctx: Context) -> Opened:
    return Opened(WithdrawConsentDialog(None, "Chụp và lưu ảnh chân dung", date.today()))


def conflict(ctx: Context) -> Opened:
    record = ctx.installed.centre.residents.record(ctx.manager, ctx.resident_id)
    form = ProfileForm()  # for its field names
    yours = replace(
        record.person, full_name="Sùng Thị Dợ Mỷ", home_village="Bản Sì Thâu Chải 2", guardian_phone="0912 000 111"
    )
    rows = differences(record.person, yours, form.labels)
    form.deleteLater()
    return Opened(ConflictDialog(None, rows))


def drafts(ctx: Context) -> Opened:
    centre = ctx.installed.centre
    for name in ("Giàng Thị Mỷ", "Lò Văn Sáng"):
        centre.drafts.save(ctx.manager, None, None, name, {"full_name": name})
    return Opened(DraftsDialog(centre.drafts.mine(ctx.manager)))


def new_version(ctx: Context) -> Opened:
    base = ctx.installed.centre.settings.centre_history(ctx.manager)[0]
    return Opened(NewVersionDialog(None, base))


def open_database(ctx: Context) -> Opened:
    keys = PassphraseFile(ctx.tmp_path / "keys" / "0123abcd.json", None)
    dialog = OpenDatabaseDialog(ctx.installed.options, keys)
    views = [View(stage.name.lower(), lambda s=stage: dialog._show(s)) for stage in Stage]
    return Opened(dialog, views, lambda: dialog._show(Stage.PASSPHRASE))


def recovery_unlock(ctx: Context) -> Opened:
    return Opened(RecoveryUnlockDialog(None, lambda _login, _key: None, "giamdoc"))


def file_dialog(ctx: Context) -> Opened:
    dialog = QFileDialog(None, "Lưu văn bản thành PDF", str(ctx.tmp_path), "Văn bản PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return Opened(dialog, [View("save"), View("detail view", lambda: dialog.setViewMode(QFileDialog.ViewMode.Detail))])


def print_dialog(ctx: Context) -> Opened:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog = QPrintDialog(printer)
    dialog._printer = printer  # type: ignore[attr-defined]
    options = next(b for b in dialog.findChildren(QPushButton) if b.text().endswith(">>"))
    return Opened(dialog, [View("as opened"), View("with its options", options.click)])


def print_preview_dialog(ctx: Context) -> Opened:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer)
    dialog._printer = printer  # type: ignore[attr-defined]
    return Opened(dialog)


def extension(ctx: Context) -> Opened:
    clock = ctx.installed.centre.lodging.stay_clock(ctx.manager, ctx.resident_id)
    assert clock is not None
    dialog = ExtensionDialog(None, clock)
    dialog.accept()  # with the messages under the empty dates: the tallest it gets
    return Opened(dialog)


def keep_apart(ctx: Context) -> Opened:
    search = registry_search(ctx.installed.centre.registry, ctx.manager)
    return Opened(KeepApartDialog(None, ctx.resident_id, search))


def census(ctx: Context) -> Opened:
    """The census alone, as big as it is beside the navigation under the Lodging page's tabs."""
    lodged = living_centre(ctx.installed.centre, ctx.manager)
    view = CensusView(lodged.service, ctx.manager, clock=lodged.clock)
    view.open_record.connect(lambda _rid: None)
    view.resize(1366 - 220, 728 - 120)

    def loaded() -> None:
        ctx.qtbot.waitUntil(lambda: view.census is not None and not view.loading, timeout=10_000)
        view.select_resident(lodged.overdue)

    def past() -> None:
        view.day_edit.set_value(lodged.day.replace(day=1))
        view.refresh()
        ctx.qtbot.waitUntil(lambda: not view.loading, timeout=10_000)

    return Opened(view, [View("today", loaded), View("a past day", past)])


def presence(ctx: Context) -> Opened:
    return Opened(PresenceDialog(None, "Sùng Thị Dợ Mỷ (LC-2026-0007)", Presence.PRESENT))


def leave(ctx: Context) -> Opened:
    dialog = LeaveDialog(None, ctx.resident_id, "Sùng Thị Dợ Mỷ", datetime.now(UTC))
    return Opened(dialog, [View("as opened"), View("refused", dialog.accept)])


def entry_form(ctx: Context) -> Opened:
    """The tallest forms: the health kinds as the nurse fills them (vitals), a legal-aid case (four sections)."""
    dialogs = {code: EntryDialog(kind(code), ctx.manager, None, None)
               for code in ("nursing_note", "health_check", "legal_aid_case")}  # fmt: skip
    first = dialogs["nursing_note"]
    first.accept()  # with the messages of an empty form
    views = [View(code, lambda d=d: d.show()) for code, d in dialogs.items()]
    return Opened(first, views)


def reason(ctx: Context) -> Opened:
    dialog = ReasonDialog(None, "Mở mục hạn chế", "Mục này chỉ dành cho nhân viên y tế và lãnh đạo Trung tâm. " * 3,
                          "&Vì sao cần đọc mục này?", "Mở mục hạn chế", None)  # fmt: skip
    return Opened(dialog)


def vitals_round(ctx: Context) -> Opened:
    """The round of vitals for a full centre (40 rows), after a refused save (messages under the grid)."""
    rows = [TodayRow(n, f"LC-2026-{n:04d}", f"Sùng Thị Người Số {n}", 15 + n % 20,
                     f"Nhà A – Phòng {100 + n // 4} – G{n % 4}", "present", None, None, False, True, None, 0, 0, 0,
                     None) for n in range(40)]  # fmt: skip
    dialog = RoundDialog(None, rows, None)
    for row in range(3):
        dialog.model.item(row, 1).setText("55")
    dialog.accept()
    return Opened(dialog)


def summary_choice(ctx: Context) -> Opened:
    return Opened(SummaryChoiceDialog(None))


CATALOGUE = (
    Entry("main-window", MainWindow, main_window),
    Entry("record", RecordWindow, record_window),
    Entry("admission-wizard", AdmissionWizard, admission_wizard),
    Entry("preview", DocumentPreviewDialog, preview),
    Entry("login", LoginDialog, login),
    Entry("unlock", UnlockDialog, unlock),
    Entry("other-user", OtherUserDialog, other_user),
    Entry("change-password", ChangePasswordDialog, change_password),
    Entry("first-run", FirstRunWizard, first_run),
    Entry("new-account", AccountDialog, new_account),
    Entry("edit-account", AccountDialog, edit_account),
    Entry("reset-password", ResetPasswordDialog, reset_password),
    Entry("add-consent", AddConsentDialog, add_consent),
    Entry("withdraw-consent", WithdrawConsentDialog, withdraw_consent),
    Entry("conflict", ConflictDialog, conflict),
    Entry("stay-extension", ExtensionDialog, extension),
    Entry("keep-apart", KeepApartDialog, keep_apart),
    Entry("drafts", DraftsDialog, drafts),
    Entry("new-centre-version", NewVersionDialog, new_version),
    Entry("open-database", OpenDatabaseDialog, open_database),
    Entry("recovery-unlock", RecoveryUnlockDialog, recovery_unlock),
    Entry("qt-file-dialog", QFileDialog, file_dialog),
    Entry("qt-print-dialog", QPrintDialog, print_dialog),
    Entry("qt-print-preview", QPrintPreviewDialog, print_preview_dialog),
    Entry("census", CensusView, census),
    Entry("presence", PresenceDialog, presence),
    Entry("leave-pass", LeaveDialog, leave),
    Entry("entry-form", EntryDialog, entry_form),
    Entry("reason", ReasonDialog, reason),
    Entry("vitals-round", RoundDialog, vitals_round),
    Entry("health-summary-choice", SummaryChoiceDialog, summary_choice),
)


@contextlib.contextmanager
def opened(entry: Entry, ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Iterator[Opened]:
    """Build the window of `entry` and show it; closed (without questions) afterwards."""
    monkeypatch.setattr(dialogs, "ask_keep_draft", lambda _parent: dialogs.CloseChoice.DISCARD)
    result = entry.build(ctx)
    window = result.window  # not given to qtbot: it would close the window before the questions are answered
    window.show()
    ctx.qtbot.waitExposed(window)
    try:
        yield result
    finally:
        if shiboken6.isValid(window):
            result.before_close()
            window.close()
            window.deleteLater()


# --- the lodging windows (tests/ui/lodging/windows_lodging.py) ------------------------------------------------------
from tests.ui.lodging import windows_lodging  # noqa: E402  (it builds on Entry, Opened and View above)

CATALOGUE = CATALOGUE + windows_lodging.entries()

# --- the care-plan windows (tests/ui/care_plan/windows_care_plan.py) ------------------------------------------------
from tests.ui.care_plan import windows_care_plan  # noqa: E402

CATALOGUE = CATALOGUE + windows_care_plan.entries()

# --- the counselling windows (tests/ui/counselling/windows_counselling.py) -----------------------------------------
from tests.ui.counselling import windows_counselling  # noqa: E402  (it builds on Entry, Opened and View above)

CATALOGUE = CATALOGUE + windows_counselling.entries()

# --- the group-session windows (tests/ui/activities/windows_activities.py) ------------------------------------------
from tests.ui.activities import windows_activities  # noqa: E402  (it builds on Entry, Opened and View above)

CATALOGUE = CATALOGUE + windows_activities.entries()

# --- the support-payment windows (tests/ui/payments/windows_payments.py) -------------------------------------------
from tests.ui.payments import windows_payments  # noqa: E402  (it builds on Entry, Opened and View above)

CATALOGUE = CATALOGUE + windows_payments.entries()

# --- the schooling windows (tests/ui/schooling/windows_schooling.py) -----------------------------------------------
from tests.ui.schooling import windows_schooling  # noqa: E402  (it builds on Entry, Opened and View above)

CATALOGUE = CATALOGUE + windows_schooling.entries()

# --- the discharge windows (tests/ui/discharge/windows_discharge.py) -----------------------------------------------
from tests.ui.discharge import windows_discharge  # noqa: E402  (it builds on Entry, Opened and View above)

CATALOGUE = CATALOGUE + windows_discharge.entries()

# --- the holiday calendar's windows (tests/ui/holidays/windows_holidays.py) ----------------------------------------
from tests.ui.holidays import windows_holidays  # noqa: E402  (it builds on Entry, Opened and View above)

CATALOGUE = CATALOGUE + windows_holidays.entries()

# --- the discharge papers' windows (tests/ui/discharge/windows_discharge_papers.py) -----------------------------------
from tests.ui.discharge import windows_discharge_papers  # noqa: E402

CATALOGUE = CATALOGUE + windows_discharge_papers.entries()
# --- the follow-up windows (tests/ui/follow_up/windows_follow_up.py) -----------------------------------------------
from tests.ui.follow_up import windows_follow_up  # noqa: E402  (it builds on Entry, Opened and View above)

CATALOGUE = CATALOGUE + windows_follow_up.entries()
