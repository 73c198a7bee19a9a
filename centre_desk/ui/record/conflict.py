"""Someone saved the record meanwhile: the stored version beside the user's input, field by field."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from centre_desk.i18n import _
from centre_desk.ui.administration.users.form_parts import hint_label
from centre_desk.ui.record.labels import describe
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table


class ConflictChoice(enum.Enum):
    RELOAD = "reload"  # drop the input, show the stored version
    KEEP = "keep"  # keep editing; saving again replaces the stored values


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    stored: str
    yours: str


def differences(stored: object, yours: object, labels: Mapping[str, str]) -> list[Difference]:
    """Fields (in the form's order) whose stored value differs from the user's; nested `resident` skipped."""
    result = []
    names = [f.name for f in dataclasses.fields(yours)]  # type: ignore[arg-type]
    for name in sorted(names, key=lambda n: list(labels).index(n) if n in labels else len(labels)):
        if name == "resident":
            continue
        old, new = getattr(stored, name), getattr(yours, name)
        if old != new:
            old_text, new_text = describe(name, old), describe(name, new)
            if old_text != new_text:
                result.append(Difference(name, labels.get(name, name), old_text, new_text))
    return result


def difference_columns() -> list[Column[Difference]]:
    return [
        Column(_("Field"), lambda d: d.label),
        Column(_("Saved by the other person"), lambda d: d.stored),
        Column(_("Your input"), lambda d: d.yours),
    ]


class ConflictDialog(QDialog):
    def __init__(self, parent: QWidget | None, rows: list[Difference]) -> None:
        super().__init__(parent)
        self.choice: ConflictChoice | None = None
        self.setWindowTitle(_("Someone else saved this record"))
        self.setMinimumSize(820, 320)
        headline = QLabel(_("Someone else saved this record"))
        font = headline.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 2)
        headline.setFont(font)
        intro = hint_label(
            _(
                "While you were editing, another user saved this part of the record. Compare the saved values "
                "with yours. Your input is kept until you decide."
            )
        )
        self.model: RowTableModel[Difference] = RowTableModel(difference_columns(), self)
        self.model.set_rows(rows)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setSortingEnabled(False)
        self.proxy.sort(-1)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        self.none_label = hint_label(_("No field differs from your input; only the version changed."))
        self.none_label.setVisible(not rows)
        self.reload_button = QPushButton(_("Reload stored version"))
        self.reload_button.setToolTip(_("Drop your changes and show what is now saved."))
        self.keep_button = QPushButton(_("Keep editing"))
        self.keep_button.setToolTip(_("Keep your input; saving again replaces the values saved by the other person."))
        self.keep_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.keep_button)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.none_label)
        layout.addLayout(buttons)
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self.keep_button.clicked.connect(self._on_keep_button_clicked)

    @classmethod
    def ask(cls, parent: QWidget | None, rows: list[Difference]) -> ConflictChoice | None:
        """The user's choice; Esc or closing means "keep editing" (nothing typed is lost)."""
        dialog = cls(parent, rows)
        try:
            dialog.exec()
            return dialog.choice or ConflictChoice.KEEP
        finally:
            dialog.deleteLater()

    def _on_reload_button_clicked(self) -> None:
        self.choice = ConflictChoice.RELOAD
        self.accept()

    def _on_keep_button_clicked(self) -> None:
        self.choice = ConflictChoice.KEEP
        self.accept()
