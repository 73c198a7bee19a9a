"""A masked field with a "Show" box beside it, for passphrases and the recovery key."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from centre_desk.i18n import _


class SecretField(QWidget):
    """A password-mode QLineEdit and a check box that shows what is typed (Tab reaches it, Space
    ticks it). `also` lists other fields shown and hidden with this one (a repeat field)."""

    def __init__(self, name: str, parent: QWidget | None = None, *, also: Sequence[QLineEdit] = ()) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.toggle = QCheckBox(_("Show"))
        self.toggle.setObjectName(name + "Show")
        self.toggle.setToolTip(_("Show what is typed (make sure nobody is looking at the screen)"))
        self._also = list(also)
        self.toggle.toggled.connect(self._on_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)
        self.setFocusProxy(self.edit)  # a label's access key lands in the field

    def _on_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in (self.edit, *self._also):
            edit.setEchoMode(mode)

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()

    def is_masked(self) -> bool:
        return self.edit.echoMode() == QLineEdit.EchoMode.Password
