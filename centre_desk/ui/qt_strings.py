"""Vietnamese for Qt's own strings (standard buttons, wizard, text-field menus, file and print dialogs).

Qt ships no Vietnamese qtbase catalogue, so without this a QMessageBox would still say
"Yes"/"No" and the save dialog "Look in". The Qt source strings are kept here and in
qt_dialog_strings.py as gettext messages, so the same completeness test covers them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

from centre_desk.i18n import N_, _
from centre_desk.ui.qt_dialog_strings import FILE_DIALOG, PAPER_WORDS, PRINT_DIALOG

# (Qt context, source text) pairs that appear in this program's windows.
QT_STRINGS: dict[str, tuple[str, ...]] = {
    "QPlatformTheme": (
        N_("OK"), N_("Cancel"), N_("&Yes"), N_("&No"), N_("Yes to &All"), N_("N&o to All"), N_("Save"),
        N_("Save All"), N_("Open"), N_("Close"), N_("Apply"), N_("Reset"), N_("Help"), N_("Discard"),
        N_("Don't Save"), N_("Close without Saving"), N_("Restore Defaults"), N_("Abort"), N_("Retry"),
        N_("Ignore"),
    ),
    "QWizard": (N_("< &Back"), N_("&Next >"), N_("&Finish"), N_("Cancel"), N_("&Help"), N_("Go Back"),
                N_("Continue"), N_("Commit"), N_("Done"), N_("Quit"), N_("Help")),
    "QMessageBox": (N_("Show Details..."), N_("Hide Details..."), N_("OK"), N_("About Qt")),
    "QWidgetTextControl": (N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
                           N_("Select All"), N_("Copy &Link Location")),
    "QLineEdit": (N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"), N_("Select All")),
    "QProgressDialog": (N_("Cancel"),),
}  # fmt: skip
QT_STRINGS.update(FILE_DIALOG)
QT_STRINGS.update(PRINT_DIALOG)


def paper_name(name: str) -> str:
    """ "Envelope C5" -> "Phong bì C5": the translatable words of a QPageSize name, the rest kept."""
    for word in PAPER_WORDS:
        if word in name:
            name = name.replace(word, _(word))
    return name


class CatalogueTranslator(QTranslator):
    """Answers Qt's translate() calls from this program's gettext catalogue."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._known = {(context, text) for context, texts in QT_STRINGS.items() for text in texts}

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        """None (a null QString) means "not mine": Qt then tries the next translator or
        keeps its English text; an empty string would blank the button."""
        if (context, source_text) in self._known:
            translated = _(source_text)
        elif context == "QPageSize":
            translated = paper_name(source_text)
        else:
            return None
        return None if translated == source_text else translated
