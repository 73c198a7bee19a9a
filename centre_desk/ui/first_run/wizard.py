"""The first-run wizard: a new database, the centre's details, the first manager, the recovery key."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from centre_desk import APP_NAME
from centre_desk.errors import UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.security.credentials import KeyStoreRefused, backend_is_secure
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre
from centre_desk.services.settings import CentreDetails
from centre_desk.ui.errors import show_error
from centre_desk.ui.first_run.pages import AccountPage, CentrePage, FormPage, PageId, PassphrasePage, WelcomePage
from centre_desk.ui.first_run.recovery import RecoveryPage
from centre_desk.ui.login.parts import InlineError, weak_callback
from centre_desk.ui.tasks import run_task

log = logging.getLogger(__name__)

CreateDatabase = Callable[[NewAccount, CentreDetails, str | None], tuple[Centre, str]]
"""(first manager, centre details, passphrase or None) -> (the opened Centre, the recovery key text).
It runs on a worker thread: it must not show dialogs (hand the passphrase to Options instead)."""

ACCOUNT_FIELDS = frozenset({"login", "password", "full_name", "roles"})
CENTRE_FIELDS = frozenset(f.name for f in dataclasses.fields(CentreDetails))


def page_for_field(field: str) -> PageId | None:
    if field in ACCOUNT_FIELDS:
        return PageId.ACCOUNT
    if field in CENTRE_FIELDS:
        return PageId.CENTRE
    return None


class CreatePage(QWizardPage):
    """A summary; the commit button ("Create the database") starts the slow creation."""

    def __init__(self, start: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = start
        self._busy = False
        self.created = False
        self.setTitle(_("Create the database"))
        self.setCommitPage(True)
        intro = QLabel(
            _(
                'Please check the details below. "Create the database" creates it and the manager account; '
                "this takes a few seconds. The recovery key is shown next."
            )
        )
        intro.setWordWrap(True)
        self.summary = QFormLayout()
        self.summary.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.progress_label = QLabel(_("Creating the database…"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.error_label = InlineError()
        self.passphrase_offer = QWidget()
        self.passphrase_offer.setObjectName("passphraseOffer")
        offer_text = QLabel(
            _(
                "The key can be protected by a database passphrase instead, asked at every start; "
                'or unlock the keyring and press "Create the database" again.'
            )
        )
        offer_text.setWordWrap(True)
        self.use_passphrase_button = QPushButton(_("&Use a database passphrase"))
        self.use_passphrase_button.setAutoDefault(False)  # hidden, it must not become the default button
        offer = QHBoxLayout(self.passphrase_offer)
        offer.setContentsMargins(0, 0, 0, 0)
        offer.addWidget(offer_text, 1)
        offer.addWidget(self.use_passphrase_button)
        self.passphrase_offer.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        layout.addWidget(self.passphrase_offer)
        self.set_busy(False)

    def show_summary(self, rows: list[tuple[str, str]]) -> None:
        while self.summary.rowCount():
            self.summary.removeRow(0)
        for title, value in rows:
            label = QLabel(value)
            label.setWordWrap(True)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self.summary.addRow(title + ":", label)
        self.error_label.clear_message()
        self.offer_passphrase(False)

    def offer_passphrase(self, offered: bool) -> None:
        """The way forward when the keyring refused the key; focused, so Enter takes it."""
        self.passphrase_offer.setVisible(offered)
        self.use_passphrase_button.setAutoDefault(offered)
        if offered:
            self.use_passphrase_button.setFocus()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress_label.setVisible(busy)
        self.progress.setVisible(busy)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._busy

    def validatePage(self) -> bool:
        if self.created:
            return True
        if not self._busy:
            self._start()
        return False

    def cleanupPage(self) -> None:
        """Going back keeps everything."""


class FirstRunWizard(QWizard):
    """Shown when there is no database yet; `run` returns the opened Centre (None if cancelled)."""

    database_created = Signal(object)  # the Centre
    creation_failed = Signal(str)  # the message shown

    def __init__(
        self, create: CreateDatabase, parent: QWidget | None = None, *, needs_passphrase: bool | None = None
    ) -> None:
        super().__init__(parent)
        self._create = create
        self.needs_passphrase = (not backend_is_secure()) if needs_passphrase is None else needs_passphrase
        self._centre: Centre | None = None
        self._busy = False
        self.setWindowTitle(f"{APP_NAME} — " + _("New database"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)  # the database exists by then
        self.setMinimumSize(680, 560)
        for button, text in (
            (QWizard.WizardButton.BackButton, _("< Back")),
            (QWizard.WizardButton.NextButton, _("Next >")),
            (QWizard.WizardButton.CommitButton, _("Create the database")),
            (QWizard.WizardButton.FinishButton, _("Finish")),
            (QWizard.WizardButton.CancelButton, _("Cancel")),
        ):
            self.setButtonText(button, text)

        self.welcome_page = WelcomePage()
        self.centre_page = CentrePage()
        self.account_page = AccountPage(lambda: self.needs_passphrase)
        self.passphrase_page = PassphrasePage()
        self.create_page = CreatePage(self._start_create)
        self.recovery_page = RecoveryPage()
        self.setPage(PageId.WELCOME, self.welcome_page)
        self.setPage(PageId.CENTRE, self.centre_page)
        self.setPage(PageId.ACCOUNT, self.account_page)
        self.setPage(PageId.PASSPHRASE, self.passphrase_page)  # visited only when needs_passphrase
        self.setPage(PageId.CREATE, self.create_page)
        self.setPage(PageId.RECOVERY, self.recovery_page)
        self.setStartId(PageId.WELCOME)
        self.create_page.use_passphrase_button.clicked.connect(self.use_passphrase_mode)

    @classmethod
    def run(cls, parent: QWidget | None, create: CreateDatabase) -> Centre | None:
        wizard = cls(create, parent)
        try:
            wizard.exec()
            return wizard.centre()
        finally:
            wizard.deleteLater()

    def centre(self) -> Centre | None:
        return self._centre

    def is_busy(self) -> bool:
        return self._busy

    def initializePage(self, page_id: int) -> None:
        if page_id == PageId.CREATE:
            self.create_page.show_summary(self._summary())
        super().initializePage(page_id)

    def reject(self) -> None:
        if self._busy:
            return
        if self._centre is not None and not self.recovery_page.isComplete():
            self.recovery_page.ask_for_confirmation()  # the key is never shown again
            return
        super().reject()

    def use_passphrase_mode(self) -> None:
        """After the keyring refused the key: ask a database passphrase, then create again."""
        self.needs_passphrase = True
        self.passphrase_page.explain_refused_keyring()
        self.create_page.offer_passphrase(False)
        if self.currentId() == PageId.CREATE:
            self.back()  # the account page, whose next page is now the passphrase
            self.next()
        log.info("first run: passphrase mode chosen after the keyring refused the key")

    def _summary(self) -> list[tuple[str, str]]:
        details = self.centre_page.details()
        account = self.account_page.account()
        protection = (
            _("a database passphrase, asked at every start")
            if self.needs_passphrase
            else _("the secure key store of this computer")
        )
        rows = [
            (_("Centre name"), details.centre_name),
            (_("Parent agency"), details.parent_agency),
            (_("Place in the date line"), details.place_name),
            (_("Director's name"), details.director_name),
            (_("Director's title"), details.director_title),
            (_("Manager account"), f"{account.login} — {account.full_name}"),
            (_("Key of the database kept in"), protection),
        ]
        return [(title, value) for title, value in rows if value.strip()]

    def _start_create(self) -> None:
        manager = self.account_page.account()
        details = self.centre_page.details()
        passphrase = self.passphrase_page.passphrase() if self.needs_passphrase else None
        self._set_busy(True)
        create = self._create
        run_task(
            self,
            lambda: create(manager, details, passphrase),
            weak_callback(self._on_created),
            weak_callback(self._on_failed),
            writes_db=True,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.create_page.set_busy(busy)  # QWizard re-enables its buttons here; disable them after
        for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(button).setEnabled(not busy)

    def _on_created(self, result: tuple[Centre, str]) -> None:
        centre, recovery_key = result
        self._centre = centre
        self._set_busy(False)
        self.create_page.created = True
        self.recovery_page.set_key(recovery_key, self.centre_page.details().centre_name, centre.target.describe())
        log.info("first-run wizard created the database")
        self.database_created.emit(centre)
        self.next()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, UserError):
            show_error(self, exc)
            message = _("Unexpected error; details are in the log.")
            self.create_page.error_label.show_message(message)
            self.creation_failed.emit(message)
            return
        target = page_for_field(exc.field) if isinstance(exc, ValidationError) else None
        if isinstance(exc, KeyStoreRefused) and not self.needs_passphrase:
            self.create_page.error_label.show_message(exc.message)
            self.create_page.offer_passphrase(True)
        elif target is None or not isinstance(exc, ValidationError):
            self.create_page.error_label.show_message(exc.message)
        else:
            while self.currentId() != target and self.currentId() != PageId.WELCOME:
                self.back()
            page = self.page(target)
            assert isinstance(page, FormPage)
            page.show_error(exc.field, exc.message)
        self.creation_failed.emit(exc.message)
