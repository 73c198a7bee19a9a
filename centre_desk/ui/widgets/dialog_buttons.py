"""The buttons row of a dialog, in the program's words, wired to accept and reject."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from centre_desk.i18n import _

Button = QDialogButtonBox.StandardButton


def confirm_buttons(dialog: QDialog, confirm_text: str, *, save: bool = False) -> QDialogButtonBox:
    """OK (or Save, which Qt places as the platform expects) named `confirm_text`, and Cancel; the confirming
    button calls the dialog's accept(), Cancel and Esc its reject()."""
    main = Button.Save if save else Button.Ok
    box = QDialogButtonBox(main | Button.Cancel)
    box.button(main).setText(confirm_text)
    box.button(Button.Cancel).setText(_("Cancel"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
