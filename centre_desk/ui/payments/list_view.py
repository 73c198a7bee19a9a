"""The payment list of a period and a support: the payments dated in it, a tick for each one paid, refused or not
collected for the rows chosen, the totals as they stand, then Record (the list as signed: one service call) and
Print (the list on paper, numbered from the register when printed or saved by one who may issue)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_date, format_money
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.documents.dto import IssuedPaper
from centre_desk.services.lodging.common import local_day
from centre_desk.services.payments import terms
from centre_desk.services.payments.dto import ListInput, PaymentListView
from centre_desk.services.payments.papers import PaymentPapers
from centre_desk.services.payments.service import PaymentService
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.errors import show_error
from centre_desk.ui.payments.dialogs import SignedDialog
from centre_desk.ui.payments.list_model import PaymentLinesModel
from centre_desk.ui.widgets.date_range import DateRange

FILE_STEM = "danh-sach-chi-tra"


def month_of(day: date) -> tuple[date, date]:
    """The calendar month of `day`: its first and last days."""
    start = day.replace(day=1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def category_combo(everything: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, "")
    for code, text in terms.CATEGORIES:
        combo.addItem(f"{terms.letter(code)}) {_(text)}", code)
    return combo


class PaymentListTab(QWidget):
    recorded = Signal()  # a list was recorded

    def __init__(self, payments: PaymentService, papers: PaymentPapers, actor: Actor) -> None:
        super().__init__()
        self._payments, self._papers, self._actor = payments, papers, actor
        self._shown: PaymentListView | None = None  # the list as last read
        self.dates = DateRange()
        self.dates.set_value(*month_of(local_day(utcnow())))
        self.category = category_combo(_("Every support"))
        category_label = QLabel(_("S&upport:"))
        category_label.setBuddy(self.category)
        self.show_button = QPushButton(_("Sho&w"))
        self.show_button.setDefault(True)
        filters = QHBoxLayout()
        filters.addWidget(self.dates, 1)
        filters.addWidget(category_label)
        filters.addWidget(self.category)
        filters.addWidget(self.show_button)

        self.model = PaymentLinesModel(self)
        self.table = QTableView()
        self.table.setObjectName("paymentLines")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.clicked.connect(self._on_table_clicked)

        self.paid_button = QPushButton(_("Mark &paid"))
        self.refused_button = QPushButton(_("Mark r&efused"))
        self.missed_button = QPushButton(_("Mark &not collected"))
        self.planned_button = QPushButton(_("Mark to &be paid"))
        self.record_button = QPushButton(_("Re&cord the signed list…"))
        self.print_button = QPushButton(_("P&rint the list…"))
        self.totals = QLabel()
        self.totals.setObjectName("listTotals")
        self.totals.setWordWrap(True)
        self.signed = QLabel()
        self.signed.setObjectName("listSigned")
        buttons = QHBoxLayout()
        for button in (self.paid_button, self.refused_button, self.missed_button, self.planned_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.dates.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.signed)
        layout.addLayout(buttons)

        may_edit = actor.can(Action.EDIT, FieldGroup.PAYMENTS)
        for button in (self.paid_button, self.refused_button, self.missed_button, self.planned_button,
                       self.record_button):  # fmt: skip
            button.setVisible(may_edit)
        self.print_button.setVisible(actor.can(Action.PRINT, FieldGroup.PAYMENTS))
        self.show_button.clicked.connect(self.load)
        self.dates.submitted.connect(self.load)
        self.paid_button.clicked.connect(lambda: self._set_selected(terms.PAID))
        self.refused_button.clicked.connect(lambda: self._set_selected(terms.REFUSED))
        self.missed_button.clicked.connect(lambda: self._set_selected(terms.NOT_COLLECTED))
        self.planned_button.clicked.connect(lambda: self._set_selected(terms.PLANNED))
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.model.dataChanged.connect(self._show_totals)
        self.model.modelReset.connect(self._show_totals)
        self._show_totals()

    # --- reading ---------------------------------------------------------------------------------------------------

    def period(self) -> tuple[date, date, str] | None:
        """The period and the support chosen; None (the range says why) when a date is missing or wrong."""
        found = self.dates.value()
        if found is None or found[0] is None or found[1] is None:
            if found is not None:
                self.dates.error.setText(_("Give both dates of the period."))
                self.dates.error.show()
            return None
        return found[0], found[1], str(self.category.currentData() or "")

    def load(self) -> None:
        wanted = self.period()
        if wanted is None:
            return
        try:
            self.show_list(self._payments.payment_list(self._actor, *wanted))
        except UserError as exc:
            show_error(self, exc)

    def show_list(self, view: PaymentListView) -> None:
        self._shown = view
        self.model.set_lines(view.lines)
        self.signed.setText(
            _("Recorded as signed on {day}.").format(day=format_date(view.signed_on)) if view.signed_on else ""
        )

    def _show_totals(self) -> None:
        sums = self.model.totals()
        count = self.model.rowCount()
        self.totals.setText(
            _("{count} payment(s) — planned {planned}, paid {paid}, refused {refused}, not collected {missed}").format(
                count=count, planned=format_money(sums[terms.PLANNED]), paid=format_money(sums[terms.PAID]),
                refused=format_money(sums[terms.REFUSED]), missed=format_money(sums[terms.NOT_COLLECTED]),
            )
        )  # fmt: skip

    # --- slots -----------------------------------------------------------------------------------------------------

    def _on_table_clicked(self) -> None:
        self._show_totals()

    def _set_selected(self, status: str) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        self.model.set_outcome(rows, status)

    def _on_record_button_clicked(self) -> None:
        shown = self._shown
        if shown is None or not shown.lines:
            return
        sums = self.model.totals()
        summary = _("Paid: {paid} ({count} payments ticked).").format(
            paid=format_money(sums[terms.PAID]),
            count=sum(1 for o in self.model.outcomes() if o.status == terms.PAID))  # fmt: skip

        def submit(value: tuple[date, str]) -> PaymentListView:
            day, paid_by = value
            return self._payments.record_list(self._actor, ListInput(shown.period_from, shown.period_to,
                                                                     shown.category, day, paid_by,
                                                                     self.model.outcomes()))  # fmt: skip

        dialog = SignedDialog(self, local_day(utcnow()), self._actor.full_name, summary, submit)
        if dialog.exec() and isinstance(dialog.outcome, PaymentListView):
            self.show_list(dialog.outcome)
            self.recorded.emit()

    def _on_print_button_clicked(self) -> None:
        wanted = self.period()
        if wanted is None:
            return
        start, end, category = wanted
        try:
            preview = self._papers.list_pdf(self._actor, start, end, category)
        except UserError as exc:
            show_error(self, exc)
            return

        def issue() -> IssuedPaper:
            return self._papers.list_pdf(self._actor, start, end, category, issue=True)

        may_issue = self._actor.can(Action.CREATE, FieldGroup.REGISTER)
        notice = (_("The number is given when the list is printed or saved.") if may_issue
                  else _("This is a preview without a number: the management prints the numbered paper."))  # fmt: skip
        name = f"{FILE_STEM}-{start:%Y%m%d}-{end:%Y%m%d}{'-' + category if category else ''}.pdf"
        DocumentPreviewDialog.show_document(self, _("Payment list"), preview.pdf, name, issue if may_issue else None,
                                            notice)  # fmt: skip
