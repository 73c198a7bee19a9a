"""The rates of support, newest first, the ones in force today in bold words; the manager enters a new one. A rate is
never changed: the payments made with it keep it, and a new one supersedes it from its date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.formatting import format_date, format_datetime, format_number
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.entries.fields import label
from centre_desk.services.payments import terms
from centre_desk.services.payments.dto import RateRow
from centre_desk.services.payments.service import PaymentService
from centre_desk.ui.errors import show_error
from centre_desk.ui.payments.dialogs import RateDialog
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

NOTE = N_(
    "Rates are set by resolutions of the People's Council and change over time: each applies to the payments dated "
    "from its day on. No rate is shipped with the program."
)


def state_of(rate: RateRow) -> str:
    if rate.in_force:
        return _("In force")
    return _("Superseded") if rate.superseded else _("From its date")


def rate_columns() -> list[Column[RateRow]]:
    return [
        Column(_("Support"), lambda r: f"{terms.letter(r.category)}) {label(terms.CATEGORIES, r.category)}"),
        Column(_("Amount (đ)"), lambda r: format_number(r.amount), Qt.AlignmentFlag.AlignRight,
               sort_key=lambda r: r.amount),
        Column(_("Unit"), lambda r: label(terms.UNITS, r.unit)),
        Column(_("In force from"), lambda r: format_date(r.effective_from),
               sort_key=lambda r: r.effective_from.toordinal()),
        Column(_("State"), state_of),
        Column(_("Entered by"), lambda r: f"{r.entered_by}, {format_datetime(r.entered_at)}".strip(", ")),
        Column(_("Legal source"), lambda r: " — ".join(p for p in (r.source, r.note) if p)),
    ]  # fmt: skip


class RatesTab(QWidget):
    def __init__(self, payments: PaymentService, actor: Actor) -> None:
        super().__init__()
        self._payments, self._actor = payments, actor
        self.model: RowTableModel[RateRow] = RowTableModel(rate_columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("paymentRates")
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(_(NOTE))
        note.setWordWrap(True)
        self.new_button = QPushButton(_("Ne&w rate…"))
        self.new_button.setVisible(actor.can(Action.ADMINISTER, FieldGroup.PAYMENTS))
        footer = QHBoxLayout()
        footer.addWidget(note, 1)
        footer.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        self.new_button.clicked.connect(self._on_new_button_clicked)

    def load(self) -> None:
        try:
            self.model.set_rows(self._payments.rates(self._actor))
        except UserError as exc:
            show_error(self, exc)

    def _on_new_button_clicked(self) -> None:
        dialog = RateDialog(self, lambda data: self._payments.add_rate(self._actor, data))
        if dialog.exec():
            self.load()
