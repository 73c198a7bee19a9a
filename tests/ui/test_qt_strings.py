"""Qt's own buttons speak Vietnamese (Qt ships no Vietnamese qtbase catalogue)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWizard

from centre_desk import i18n
from centre_desk.ui.qt_strings import CatalogueTranslator


def test_standard_buttons_are_vietnamese(qtbot: QtBot) -> None:
    i18n.install("vi")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = CatalogueTranslator(app)
    app.installTranslator(translator)
    try:
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
    finally:
        app.removeTranslator(translator)
