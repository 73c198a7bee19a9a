"""The input pages of the first-run wizard: welcome, centre details, manager account, passphrase."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from centre_desk.errors import ValidationError
from centre_desk.i18n import N_, _
from centre_desk.models.staff import Role
from centre_desk.security.password_policy import check_passphrase
from centre_desk.services.dto import NewAccount
from centre_desk.services.settings import CentreDetails
from centre_desk.ui.login.parts import PASSWORD_HINT, InlineError, hint_label, password_edit

REFUSED_KEYRING_INTRO = N_(
    "The system keyring of this computer refused to keep the key of the database (it may be locked). "
    "The key will be protected by a database passphrase instead. Choose one of at least 12 "
    "characters: the program asks for it at every start, so keep it as carefully as the recovery key."
)


class PageId(enum.IntEnum):
    WELCOME = 0
    CENTRE = 1
    ACCOUNT = 2
    PASSPHRASE = 3
    CREATE = 4
    RECOVERY = 5


class FormPage(QWizardPage):
    """A page with a form, an inline error line and a map from service field names to widgets."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.fields: dict[str, QLineEdit] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.error_label = InlineError()
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(intro)
        self.intro_label.setWordWrap(True)
        self.intro_label.setVisible(bool(intro))
        layout.addWidget(self.intro_label)
        if intro:
            layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def add_field(self, name: str, label: str, edit: QLineEdit | None = None, placeholder: str = "") -> QLineEdit:
        edit = edit if edit is not None else QLineEdit()
        edit.setObjectName(name)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.completeChanged)
        self.fields[name] = edit
        self.form.addRow(label + ":", edit)
        return edit

    def text(self, name: str) -> str:
        return self.fields[name].text()

    def show_error(self, field: str, message: str) -> None:
        """Show a service message and put the cursor in the offending field (input is kept)."""
        self.error_label.show_message(message)
        edit = self.fields.get(field)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()

    def cleanupPage(self) -> None:
        """Going Back keeps what was typed (QWizardPage would reset registered fields)."""


class WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Welcome"))
        text = QLabel(
            _(
                "There is no database on this computer yet. This assistant creates a new encrypted database "
                "here, records the centre's details and the first manager account, and then shows the "
                "recovery key of the database once. To use a shared PostgreSQL server for several "
                'computers instead, close this window and follow the README section "Nhiều máy tính".'
            )
        )
        text.setWordWrap(True)
        text.setObjectName("welcomeText")
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)


def _example(text: str) -> str:
    return _("e.g. {example}").format(example=text)


class CentrePage(FormPage):
    REQUIRED = ("centre_name", "parent_agency", "place_name")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Centre details"),
            _("These details are printed on the centre's documents. They can be changed later."),
            parent,
        )
        required = " (*)"
        self.add_field(
            "centre_name",
            _("Centre name") + required,
            placeholder=_example("Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu"),
        )
        self.add_field("parent_agency", _("Parent agency") + required, placeholder=_example("SỞ Y TẾ TỈNH LAI CHÂU"))
        self.add_field("address", _("Address"))
        self.add_field("province", _("Province"), placeholder=_example("Lai Châu"))
        self.add_field("place_name", _("Place in the date line") + required, placeholder=_example("Lai Châu"))
        self.form.addRow("", hint_label(_('Printed before the date of documents: "Lai Châu, ngày … tháng … năm …".')))
        self.add_field("director_name", _("Director's name"))
        self.add_field("director_title", _("Director's title"), placeholder=_example("Giám đốc"))
        self.form.addRow("", hint_label(_("Fields marked (*) are required.")))
        self.setTabOrder(self.fields["place_name"], self.fields["director_name"])

    def isComplete(self) -> bool:
        return all(self.text(name).strip() for name in self.REQUIRED)

    def details(self) -> CentreDetails:
        return CentreDetails(
            date.today(),
            centre_name=self.text("centre_name"),
            parent_agency=self.text("parent_agency"),
            address=self.text("address"),
            province=self.text("province"),
            place_name=self.text("place_name"),
            director_name=self.text("director_name"),
            director_title=self.text("director_title"),
        )


class AccountPage(FormPage):
    def __init__(self, needs_passphrase: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(
            _("First manager account"),
            _(
                "This account gets the role of the centre's manager: it signs in first and creates the "
                "accounts of the other staff. There are no default accounts."
            ),
            parent,
        )
        self._needs_passphrase = needs_passphrase
        self.add_field("login", _("Login name"), placeholder=_example("giamdoc")).setMaxLength(64)
        self.add_field("full_name", _("Full name"))
        self.add_field("password", _("Password"), password_edit())
        self.add_field("repeat", _("Repeat the password"), password_edit())
        self.form.addRow("", hint_label(_(PASSWORD_HINT)))

    def nextId(self) -> int:
        return int(PageId.PASSPHRASE if self._needs_passphrase() else PageId.CREATE)

    def isComplete(self) -> bool:
        return all(self.text(name) for name in ("login", "full_name", "password", "repeat"))

    def validatePage(self) -> bool:
        if self.text("password") != self.text("repeat"):
            self.show_error("repeat", _("The two passwords differ. Please type the password again."))
            return False
        self.error_label.clear_message()
        return True

    def account(self) -> NewAccount:
        return NewAccount(self.text("login"), self.text("full_name"), self.text("password"), frozenset({Role.MANAGER}))


class PassphrasePage(FormPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Database passphrase"),
            _(
                "This computer has no secure key store, so the key of the database will be protected by a "
                "database passphrase instead. Choose one of at least 12 characters: the program asks for it "
                "at every start, so keep it as carefully as the recovery key."
            ),
            parent,
        )
        self.add_field("passphrase", _("Database passphrase"), password_edit())
        self.add_field("passphrase_repeat", _("Repeat the passphrase"), password_edit())

    def isComplete(self) -> bool:
        return bool(self.text("passphrase") and self.text("passphrase_repeat"))

    def explain_refused_keyring(self) -> None:
        """The keyring looked secure but refused to keep the key: say so, then the same question."""
        self.intro_label.setText(_(REFUSED_KEYRING_INTRO))

    def validatePage(self) -> bool:
        try:
            check_passphrase(self.text("passphrase"), self.text("passphrase_repeat"))
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return False
        self.error_label.clear_message()
        return True

    def passphrase(self) -> str:
        return self.text("passphrase")
