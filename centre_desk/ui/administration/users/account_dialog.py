"""Creating or editing a staff account.

The dialog hands its value to a `submit` callback (the page calls the service there) and
closes only when that returns: a ValidationError is shown next to its field, a Conflict
beside the input, and nothing the user typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import Conflict, UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.permissions import role_name
from centre_desk.services.dto import AccountRow, AccountUpdate, NewAccount
from centre_desk.ui.administration.users.form_parts import DIFFERS, ConflictBox, FieldErrors, error_label, hint_label
from centre_desk.ui.administration.users.model import role_names

AccountValue = NewAccount | AccountUpdate
Submit = Callable[[AccountValue], object]


class AccountDialog(QDialog):
    def __init__(self, parent: QWidget | None, initial: AccountRow | None, submit: Submit | None = None) -> None:
        super().__init__(parent)
        self._initial = initial
        self._submit = submit
        self._version = initial.version if initial is not None else 0
        self._conflict_row: AccountRow | None = None
        self._accepted: AccountValue | None = None
        self.setWindowTitle(_("New account") if initial is None else _("Edit account"))
        self.setMinimumWidth(520)

        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.login_edit = QLineEdit()
        self.login_edit.setMaxLength(64)
        self.login_edit.setPlaceholderText(_("e.g. mai.lt"))
        if initial is None:
            hint = _("Letters a–z without accents, digits, dots or dashes. It cannot be changed later.")
            form.addRow(_("&Login name:"), self.errors.wrap("login", self.login_edit, hint))
        else:
            self.login_edit.setText(initial.login)
            self.login_edit.setReadOnly(True)
            form.addRow(_("Login name:"), self.login_edit)

        self.full_name_edit = QLineEdit()
        self.full_name_edit.setMaxLength(200)
        self.full_name_edit.setPlaceholderText(_("e.g. Lò Thị Mai"))
        form.addRow(_("&Full name:"), self.errors.wrap("full_name", self.full_name_edit))

        roles_box = QWidget()
        roles_layout = QVBoxLayout(roles_box)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        self.role_boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = QCheckBox(role_name(role))
            self.role_boxes[role] = box
            roles_layout.addWidget(box)
        form.addRow(_("Roles:"), self.errors.wrap("roles", roles_box, _("A person may hold several roles.")))

        self.active_box = QCheckBox(_("Account &enabled"))
        self.active_box.setChecked(True)
        self.password_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        self.show_password_box = QCheckBox(_("&Show the passwords"))
        if initial is not None:
            form.addRow("", self.errors.wrap("active", self.active_box, _("A disabled account cannot sign in.")))
        else:
            for edit in (self.password_edit, self.repeat_edit):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                edit.setMaxLength(128)
            form.addRow(_("&Temporary password:"), self.errors.wrap("password", self.password_edit))
            form.addRow(_("&Repeat the password:"), self.errors.wrap("password_repeat", self.repeat_edit))
            show_row = QWidget()
            show_layout = QVBoxLayout(show_row)
            show_layout.setContentsMargins(0, 0, 0, 0)
            show_layout.addWidget(self.show_password_box)
            show_layout.addWidget(
                hint_label(
                    _(
                        "Give this temporary password to the person in private. "
                        "They must choose their own password at their first sign-in."
                    )
                )
            )
            form.addRow("", show_row)
            self.show_password_box.toggled.connect(self._on_show_password_box_toggled)

        self.conflict_box = ConflictBox(self)
        self.conflict_box.reload_requested.connect(self._on_conflict_box_reload_requested)
        self.conflict_box.keep_requested.connect(self._on_conflict_box_keep_requested)
        self.info_label = hint_label("")
        self.info_label.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.conflict_box)
        layout.addWidget(self.info_label)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        if initial is not None:
            self.load(initial)
            self.full_name_edit.setFocus()
        else:
            self.login_edit.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, initial: AccountRow | None, submit: Submit | None = None
    ) -> AccountValue | None:
        """The value saved through `submit` (or just entered, without one); None when cancelled."""
        dialog = cls(parent, initial, submit)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog._accepted
            return None
        finally:
            dialog.deleteLater()

    def load(self, row: AccountRow) -> None:
        """Show the stored account (and edit against its version from now on)."""
        self._version = row.version
        self.full_name_edit.setText(row.full_name)
        for role, box in self.role_boxes.items():
            box.setChecked(role in row.roles)
        self.active_box.setChecked(row.active)

    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, box in self.role_boxes.items() if box.isChecked())

    def value(self) -> AccountValue:
        if self._initial is None:
            return NewAccount(
                self.login_edit.text(), self.full_name_edit.text(), self.password_edit.text(), self.roles()
            )
        return AccountUpdate(
            self._initial.id, self._version, self.full_name_edit.text(), self.roles(), self.active_box.isChecked()
        )

    def accept(self) -> None:
        self.errors.clear()
        self.info_label.setVisible(False)
        if self._initial is None and self.password_edit.text() != self.repeat_edit.text():
            self.errors.show_message("password_repeat", _("The two passwords are not the same."))
            return
        value = self.value()
        if self._submit is not None:
            try:
                self._submit(value)
            except ValidationError as exc:
                self.errors.show(exc)
                return
            except Conflict as exc:
                self.show_conflict(exc)
                return
            except UserError as exc:
                self.errors.show_message("", exc.message)
                return
        self._accepted = value
        super().accept()

    def show_conflict(self, exc: Conflict) -> None:
        current = exc.current if isinstance(exc.current, AccountRow) else None
        self._conflict_row = current
        stored: list[tuple[str, str]] = []
        if current is not None:
            mine = self.value()
            assert isinstance(mine, AccountUpdate)
            rows = [
                (_("Full name"), current.full_name, current.full_name == " ".join(mine.full_name.split())),
                (_("Roles"), role_names(current.roles), current.roles == mine.roles),
                (_("Account enabled"), _("yes") if current.active else _("no"), current.active == mine.active),
            ]
            stored = [(label, text if same else f"{text}    ← {_(DIFFERS)}") for label, text, same in rows]
        self.conflict_box.show_conflict(exc.message, stored)

    def _on_conflict_box_reload_requested(self) -> None:
        if self._conflict_row is not None:
            self.load(self._conflict_row)
            self.info_label.setText(_("The saved version is shown. Make your changes again, then press Save."))
            self.info_label.setVisible(True)

    def _on_conflict_box_keep_requested(self) -> None:
        if self._conflict_row is not None:
            self._version = self._conflict_row.version
            self.info_label.setText(_("Press Save to replace the saved version with your input."))
            self.info_label.setVisible(True)

    def _on_show_password_box_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.password_edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)
