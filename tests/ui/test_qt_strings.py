"""Qt's own buttons and dialogs speak Vietnamese (Qt ships no Vietnamese qtbase catalogue)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QLocale, QObject, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QPushButton, QWidget, QWizard

from centre_desk import i18n
from centre_desk.app import _load_qt_translations
from centre_desk.ui.qt_strings import QT_STRINGS, CatalogueTranslator, paper_name

# What Qt asks for that needs no Vietnamese: key names, internal form titles, numbers and units.
NOT_WORDS = {
    ("QPrintWidget", "Form"), ("QPrintSettingsOutput", "Form"), ("QPageSetupWidget", "Form"),
    ("QPrintWidget", "..."), ("QPrintPreviewDialog", "%1%"), ("QGuiApplication", "QT_LAYOUT_DIRECTION"),
    ("QPageSetupWidget", "mm"), ("QPageSetupWidget", "in"), ("QPageSetupWidget", "pt"),
    ("QPageSetupWidget", "CC"), ("QPageSetupWidget", "DD"), ("QPageSetupWidget", "P̸"),
    ("QFileDialog", "Alt+Left"), ("QFileDialog", "Alt+Right"), ("QFileDialog", "Alt+Up"),
}  # fmt: skip
NUMBERED = ("1 (1x1)", "2 (2x1)", "4 (2x2)", "6 (2x3)", "9 (3x3)", "16 (4x4)")


class Recorder(QTranslator):
    """Installed before the catalogue, it hears every question the catalogue left unanswered."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unanswered: set[tuple[str, str]] = set()

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        self.unanswered.add((context, source_text))
        return None


@pytest.fixture
def vietnamese_qt() -> Iterator[Recorder]:
    i18n.install("vi")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    recorder = Recorder(app)
    translator = CatalogueTranslator(app)
    app.installTranslator(recorder)
    app.installTranslator(translator)  # asked first
    try:
        yield recorder
    finally:
        app.removeTranslator(translator)
        app.removeTranslator(recorder)


def test_standard_buttons_are_vietnamese(qtbot: QtBot, vietnamese_qt: Recorder) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"OK", "Hủy", "Có", "Không"}  # Vietnamese Windows also keeps "OK"
    wizard = QWizard()
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.FinishButton).replace("&", "") == "Hoàn tất"


def _untranslated(recorder: Recorder) -> list[tuple[str, str]]:
    known = {(context, text) for context, texts in QT_STRINGS.items() for text in texts}
    return sorted(
        (context, text)
        for context, text in recorder.unanswered - known - NOT_WORDS
        if text not in NUMBERED and not (context == "QPageSize" and paper_name(text) == text)
        if context not in ("QShortcut", "QImageWriter")  # key names read the same; the screenshots' own writer
    )


def _shot(widget: QWidget, name: str) -> None:
    if os.environ.get("SHOTS"):
        Path("/tmp/fit-shots").mkdir(parents=True, exist_ok=True)
        widget.grab().save(f"/tmp/fit-shots/qt-strings-{name}.png")


def test_file_and_print_dialogs_leave_no_english(qtbot: QtBot, tmp_path: Path, vietnamese_qt: Recorder) -> None:
    (tmp_path / "bien-ban-tiep-nhan.pdf").write_bytes(b"%PDF-1.4\n")
    for mode in (QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen):
        dialog = QFileDialog(None, "Lưu", str(tmp_path), "Văn bản PDF (*.pdf)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.wait(50)
        _shot(dialog, f"file-{mode.name}")
        labels = {b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()}
        assert labels & {"&Lưu", "&Mở"}
        dialog.hide()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    print_dialog = QPrintDialog(printer)
    qtbot.addWidget(print_dialog)
    print_dialog.show()
    next(b for b in print_dialog.findChildren(QPushButton) if b.text().endswith(">>")).click()
    qtbot.wait(50)
    _shot(print_dialog, "print")
    print_dialog.hide()
    preview = QPrintPreviewDialog(printer)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.wait(50)
    preview.hide()
    assert ("QFileDialog", "File &name:") not in vietnamese_qt.unanswered  # the recorder hears only misses
    assert _untranslated(vietnamese_qt) == []


def test_paper_names_keep_their_sizes() -> None:
    i18n.install("vi")
    assert paper_name("Envelope C5") == "Phong bì C5"
    assert paper_name("Double Postcard") == "Bưu thiếp đôi"
    assert paper_name("A4") == "A4"


def test_the_program_gives_qt_the_vietnamese_locale(qtbot: QtBot) -> None:
    """Calendars name the months in Vietnamese and file dialogs count bytes in it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = set(app.findChildren(QTranslator))
    old_locale = QLocale()
    i18n.install("vi")
    try:
        _load_qt_translations(app)
        assert QLocale().monthName(12) == "tháng 12"
        assert any(isinstance(t, CatalogueTranslator) for t in app.findChildren(QTranslator))
    finally:
        for translator in set(app.findChildren(QTranslator)) - before:
            app.removeTranslator(translator)
            translator.deleteLater()
        QLocale.setDefault(old_locale)
