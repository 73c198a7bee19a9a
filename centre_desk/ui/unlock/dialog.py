"""Opening the database before sign-in: the database passphrase (three tries), then the recovery key.

Shown when the keys of the database are wrapped under a database passphrase (passphrase mode:
no secure keyring on this computer), and when the keys cannot be found or read (the recovery key
re-creates them). The slow work (Argon2 unwrapping, the SQLCipher key, a migration) runs on a
worker thread; the dialog shows what it is doing meanwhile.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk import APP_NAME
from centre_desk.errors import DatabaseDamaged, KeyUnavailable, UserError, ValidationError
from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.security.credentials import KeyStoreRefused, WrongPassphrase
from centre_desk.security.keys import parse_recovery_key
from centre_desk.security.password_policy import check_passphrase
from centre_desk.services.installation import Centre, Options, PassphraseFile, open_centre
from centre_desk.services.recovery import recover
from centre_desk.ui.errors import show_error
from centre_desk.ui.login.parts import InlineError, hint_label, weak_callback
from centre_desk.ui.tasks import run_task
from centre_desk.ui.unlock.secret_field import SecretField

log = logging.getLogger(__name__)

MAX_TRIES = 3
PATH_CHARS = 64  # a longer folder is elided in the middle (the whole path is in the tooltip)
NEW_PASSPHRASE_NO_KEY_STORE = N_(
    "This computer has no secure key store: choose a new database passphrase of at least 12 "
    "characters. It will be asked at every start from now on; keep it as carefully as the "
    "recovery key."
)
NEW_PASSPHRASE_REFUSED = N_(
    "The system keyring of this computer refused to keep the keys (it may be locked). Choose a "
    "database passphrase of at least 12 characters instead: it will be asked at every start."
)


class Stage(enum.IntEnum):
    PASSPHRASE = 0
    RECOVERY = 1
    CLOSING = 2


def open_with_passphrase(options: Options, passphrase: str) -> Centre:
    """Runs on a worker. The passphrase stays with the options: a reopen after a restore needs it."""
    options.give_passphrase(passphrase)
    return open_centre(options, check=True)


def recover_with_key(options: Options, key: str, new_passphrase: str | None, instead_of_keyring: bool) -> Centre:
    """Runs on a worker: re-creates this computer's keys from the recovery key, then opens."""
    if new_passphrase is not None:
        options.give_passphrase(new_passphrase, instead_of_keyring=instead_of_keyring)
    return recover(options, key)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def _text(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def _page(heading: str, explanation: str, name: str, before: QWidget | None = None) -> tuple[QWidget, QVBoxLayout]:
    """A page: its heading, `before` (a reason), its explanation; the caller adds the rest."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(_heading(heading))
    if before is not None:
        layout.addWidget(before)
    layout.addWidget(_text(explanation, name))
    return page, layout


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class OpenDatabaseDialog(QDialog):
    """`keys_file` given: the passphrase first (`problem`: what was wrong with one given at start);
    otherwise the recovery key, `problem` saying why. Cancel explains that the program closes and
    nothing is changed before it closes."""

    opened = Signal(object)  # the Centre
    attempt_failed = Signal(str)  # the message shown

    def __init__(
        self,
        options: Options,
        keys_file: PassphraseFile | None = None,
        problem: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._options = options
        self._centre: Centre | None = None
        self._busy = False
        self._tries = 0
        self._instead_of_keyring = False
        self._needs_new_passphrase = False
        self._back_to: Stage = Stage.PASSPHRASE
        self.setWindowTitle(f"{APP_NAME} — " + _("Open the database"))
        self.setMinimumWidth(600)
        # One page shown at a time; not a QStackedWidget, whose height is the tallest page's.
        self.pages = [self._passphrase_page(keys_file), self._recovery_page(), self._closing_page()]
        self._stage = Stage.PASSPHRASE
        self.busy_label = _text("", "busyLabel")
        self.busy_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        for page in self.pages:
            layout.addWidget(page)
        layout.addWidget(self.busy_label)
        self._page_buttons = {
            Stage.PASSPHRASE: self.open_button,
            Stage.RECOVERY: self.recover_button,
            Stage.CLOSING: self.close_button,
        }
        if keys_file is None:
            self.back_button.hide()  # there is no passphrase to go back to
            self.show_recovery(problem)
        else:
            self.passphrase_error.show_message(problem)
            self._show(Stage.PASSPHRASE)

    # -- pages -------------------------------------------------------------------------------------
    def _passphrase_page(self, keys_file: PassphraseFile | None) -> QWidget:
        self.passphrase = SecretField("databasePassphrase")
        facts = _form()
        if keys_file is not None:
            folder = str(keys_file.path.parent.parent)
            where = QLabel(self._elided(folder))
            where.setObjectName("dataFolder")
            where.setToolTip(folder)
            facts.addRow(_("Data folder:"), where)
            if keys_file.written_at is not None:
                when = QLabel(format_date(keys_file.written_at.date()))
                when.setObjectName("passphraseSetOn")
                facts.addRow(_("Passphrase set on:"), when)
        form = _form()
        form.addRow(_("Database &passphrase:"), self.passphrase)
        self.passphrase_error = InlineError()
        buttons = QDialogButtonBox()
        self.open_button: QPushButton = buttons.addButton(
            _("&Open the database"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self._on_open_clicked)
        cancel.clicked.connect(self.reject)
        page, layout = _page(
            _("Database passphrase"),
            _(
                "This computer has no secure key store, so the key of this database is protected by the "
                "database passphrase: the passphrase chosen when this database was created on this computer. "
                "It is not the password you sign in with."
            ),
            "passphraseExplanation",
        )
        layout.addLayout(facts)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.passphrase_error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._page_widgets_passphrase = [self.passphrase, self.open_button, cancel]
        return page

    def _recovery_page(self) -> QWidget:
        self.reason_label = _text("", "recoveryReason")
        font = self.reason_label.font()
        font.setBold(True)
        self.reason_label.setFont(font)
        self.recovery_key = SecretField("recoveryKey")
        self.recovery_key.edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.new_passphrase_intro = _text("", "newPassphraseIntro")
        self.new_repeat = SecretField("newPassphraseRepeat")
        retain = self.new_repeat.toggle.sizePolicy()
        retain.setRetainSizeWhenHidden(True)  # the two fields keep one width
        self.new_repeat.toggle.setSizePolicy(retain)
        self.new_repeat.toggle.hide()  # shown and hidden with the first field
        self.new_passphrase = SecretField("newPassphrase", also=[self.new_repeat.edit])
        form = _form()
        form.addRow(_("Recovery &key:"), self.recovery_key)
        form.addRow("", hint_label(_("Dashes and spaces may be typed or left out; small letters are accepted.")))
        self._new_rows = _form()
        self._new_rows.addRow(_("&New database passphrase:"), self.new_passphrase)
        self._new_rows.addRow(_("Repea&t the new passphrase:"), self.new_repeat)
        self.recovery_error = InlineError()
        buttons = QDialogButtonBox()
        self.recover_button: QPushButton = buttons.addButton(
            _("&Restore access"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button: QPushButton = buttons.addButton(
            _("&Back to the passphrase"), QDialogButtonBox.ButtonRole.ResetRole
        )
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.recover_button.clicked.connect(self._on_recover_clicked)
        self.back_button.clicked.connect(lambda: self._show(Stage.PASSPHRASE))
        cancel.clicked.connect(self.reject)
        self.new_passphrase_box = QWidget()
        new_layout = QVBoxLayout(self.new_passphrase_box)
        new_layout.setContentsMargins(0, 6, 0, 0)
        new_layout.addWidget(self.new_passphrase_intro)
        new_layout.addLayout(self._new_rows)
        page, layout = _page(
            _("Recovery key"),
            _(
                "The recovery key is the 40 letters and digits on the recovery sheet printed when this "
                "database was created (kept in the director's safe). It re-creates the keys of this "
                "database on this computer; the records are not changed."
            ),
            "recoveryExplanation",
            before=self.reason_label,
        )
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.new_passphrase_box)
        layout.addWidget(self.recovery_error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._page_widgets_recovery = [
            self.recovery_key,
            self.new_passphrase,
            self.new_repeat,
            self.recover_button,
            self.back_button,
            cancel,
        ]
        return page

    def _closing_page(self) -> QWidget:
        buttons = QDialogButtonBox()
        self.close_button: QPushButton = buttons.addButton(
            _("&Close the program"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.stay_button: QPushButton = buttons.addButton(_("&Go back"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self._close_program)
        self.stay_button.clicked.connect(self.reject)
        page, layout = _page(
            _("Close the program?"),
            _(
                "The program closes without opening the database. Nothing has been changed: the database, "
                "its keys and the recovery key stay as they are. The program can be started again at any time."
            ),
            "closingExplanation",
        )
        layout.addSpacing(12)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def _elided(self, text: str) -> str:
        metrics = QFontMetrics(self.font())
        return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, metrics.averageCharWidth() * PATH_CHARS)

    # -- state -------------------------------------------------------------------------------------
    @classmethod
    def ask(cls, options: Options, keys_file: PassphraseFile | None = None, problem: str = "") -> Centre | None:
        """The opened Centre, or None when the person closed the program."""
        dialog = cls(options, keys_file, problem)
        try:
            dialog.exec()
            return dialog.centre()
        finally:
            dialog.deleteLater()

    def centre(self) -> Centre | None:
        return self._centre

    def stage(self) -> Stage:
        return self._stage

    def is_busy(self) -> bool:
        return self._busy

    def tries_left(self) -> int:
        return MAX_TRIES - self._tries

    def _show(self, stage: Stage) -> None:
        if stage != Stage.CLOSING:
            self._back_to = stage
        self._stage = stage
        for index, page in enumerate(self.pages):
            page.setVisible(index == stage)
        self._fit()
        button = self._page_buttons[stage]
        button.setDefault(True)
        focus = {Stage.PASSPHRASE: self.passphrase, Stage.RECOVERY: self.recovery_key}.get(stage, button)
        focus.setFocus()

    def show_recovery(self, reason: str) -> None:
        """The recovery page, saying why it is asked; a new passphrase is asked where keys need one."""
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        self._ask_new_passphrase(self._options.new_keys_need_passphrase() or self._instead_of_keyring)
        self._show(Stage.RECOVERY)

    def _ask_new_passphrase(self, needed: bool, refused: bool = False) -> None:
        self.new_passphrase_intro.setText(_(NEW_PASSPHRASE_REFUSED) if refused else _(NEW_PASSPHRASE_NO_KEY_STORE))
        self._needs_new_passphrase = needed
        self.new_passphrase_box.setVisible(needed)
        self._fit()

    def _fit(self) -> None:
        """As tall as the page shown needs at the present width (wrapped text included)."""
        layout = self.layout()
        assert layout is not None
        width = self.width() if self.isVisible() else self.minimumWidth()
        layout.activate()
        self.resize(width, max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height()))

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: first say what closing means; from there, go back.
        (QDialog's closeEvent calls this and keeps the window open while it stays visible.)"""
        if self._busy:
            return
        if self.stage() == Stage.CLOSING:
            self._show(self._back_to)
        else:
            self._show(Stage.CLOSING)

    def _close_program(self) -> None:
        log.info("the database was not opened: the person closed the program")
        self.done(QDialog.DialogCode.Rejected)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        widgets = self._page_widgets_passphrase + self._page_widgets_recovery
        for widget in widgets:
            widget.setEnabled(not busy)
        self.busy_label.setText(message)
        self.busy_label.setVisible(busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
            self._page_buttons[self.stage()].setDefault(True)

    # -- the passphrase ----------------------------------------------------------------------------
    def _on_open_clicked(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self._problem(self.passphrase_error, _("Please type the database passphrase."), self.passphrase)
            return
        self.passphrase_error.clear_message()
        self._set_busy(True, _("Checking the passphrase and opening the database…"))
        options = self._options
        run_task(
            self,
            lambda: open_with_passphrase(options, passphrase),
            weak_callback(self._on_opened),
            weak_callback(self._on_open_failed),
            writes_db=True,
        )

    def _on_opened(self, centre: Centre) -> None:
        self._set_busy(False)
        self._centre = centre
        self.opened.emit(centre)
        self.accept()

    def _on_open_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, WrongPassphrase):
            self._tries += 1
            log.info("wrong database passphrase (%d of %d)", self._tries, MAX_TRIES)
            left = self.tries_left()
            if left <= 0:
                self._tries = 0  # back from the recovery page: three more tries
                self.passphrase.clear()
                self.show_recovery(
                    _(
                        "The database passphrase was not accepted three times. If it is lost, the recovery key "
                        "restores access to this database."
                    )
                )
                self.attempt_failed.emit(self.reason_label.text())
                return
            if left == 1:
                message = _("The passphrase is not correct. One try left before the recovery key is offered.")
            else:
                message = _("The passphrase is not correct. {count} tries left before the recovery key is offered.")
            self.passphrase.edit.selectAll()
            self._problem(self.passphrase_error, message.format(count=left), self.passphrase)
        elif isinstance(exc, KeyUnavailable):  # unwrapped, yet the keys do not open this database
            self.show_recovery(exc.message)
            self.attempt_failed.emit(exc.message)
        elif isinstance(exc, DatabaseDamaged):
            from centre_desk.ui.unlock.damaged import offer_restore  # a rare path: loaded when needed

            self._centre = offer_restore(self, self._options)
            self.accept() if self._centre is not None else self.reject()
        else:
            self._failed(exc, self.passphrase_error, self.passphrase)

    # -- the recovery key --------------------------------------------------------------------------
    def _on_recover_clicked(self) -> None:
        key = self.recovery_key.text()
        try:
            parse_recovery_key(key)  # a typing mistake is caught here, without touching anything
        except ValidationError as exc:
            self._problem(self.recovery_error, exc.message, self.recovery_key)
            return
        new: str | None = None
        if self._needs_new_passphrase:
            try:
                check_passphrase(self.new_passphrase.text(), self.new_repeat.text())
            except ValidationError as exc:
                field = self.new_repeat if exc.field == "passphrase_repeat" else self.new_passphrase
                self._problem(self.recovery_error, exc.message, field)
                return
            new = self.new_passphrase.text()
        self.recovery_error.clear_message()
        self._set_busy(True, _("Re-creating the keys of this database on this computer…"))
        options, instead = self._options, self._instead_of_keyring
        run_task(
            self,
            lambda: recover_with_key(options, key, new, instead),
            weak_callback(self._on_opened),
            weak_callback(self._on_recover_failed),
            writes_db=True,
        )

    def _on_recover_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, KeyStoreRefused):
            self._instead_of_keyring = True
            self._ask_new_passphrase(True, refused=True)
            self._problem(self.recovery_error, exc.message, self.new_passphrase)
        else:
            self._failed(exc, self.recovery_error, self.recovery_key)

    # -- messages ----------------------------------------------------------------------------------
    def _failed(self, exc: BaseException, where: InlineError, field: QWidget) -> None:
        if isinstance(exc, UserError):
            self._problem(where, exc.message, field)
        else:
            self._problem(where, _("Unexpected error; details are in the log."), field)
            show_error(self, exc)

    def _problem(self, where: InlineError, message: str, field: QWidget) -> None:
        where.show_message(message)
        field.setFocus()
        self.attempt_failed.emit(message)
