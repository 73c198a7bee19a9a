"""The totals of the payments of a period, by support, by month or by source of funds: how many, and how much
planned, paid, refused and not collected."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.formatting import format_money, format_number
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.security.access import Actor
from centre_desk.services.entries.fields import label
from centre_desk.services.lodging.common import local_day
from centre_desk.services.payments import terms
from centre_desk.services.payments.dto import TotalLine
from centre_desk.services.payments.service import PaymentService
from centre_desk.services.payments.totals import group
from centre_desk.ui.errors import show_error
from centre_desk.ui.widgets.date_range import DateRange
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

GROUPS = (("category", N_("By support")), ("month", N_("By month")), ("source", N_("By source of funds")))
HEADINGS = {"category": N_("Support"), "month": N_("Month"), "source": N_("Source of funds")}


def key_text(by: str, key: str) -> str:
    if by == "category":
        return f"{terms.letter(key)}) {label(terms.CATEGORIES, key)}"
    if by == "source":
        return label(terms.SOURCES, key)
    return f"{key[5:]}/{key[:4]}"  # "2026-03" -> "03/2026"


def total_columns(by: str) -> list[Column[TotalLine]]:
    right = Qt.AlignmentFlag.AlignRight
    return [
        Column(_(HEADINGS[by]), lambda t: key_text(by, t.key)),
        Column(_("Payments"), lambda t: format_number(t.count), right, sort_key=lambda t: t.count),
        Column(_("Planned (đ)"), lambda t: format_number(t.planned), right, sort_key=lambda t: t.planned),
        Column(_("Paid (đ)"), lambda t: format_number(t.paid), right, sort_key=lambda t: t.paid),
        Column(_("Refused (đ)"), lambda t: format_number(t.refused), right, sort_key=lambda t: t.refused),
        Column(_("Not collected (đ)"), lambda t: format_number(t.not_collected), right,
               sort_key=lambda t: t.not_collected),
    ]  # fmt: skip


class TotalsTab(QWidget):
    def __init__(self, payments: PaymentService, actor: Actor) -> None:
        super().__init__()
        self._payments, self._actor = payments, actor
        self.dates = DateRange()
        today = local_day(utcnow())
        self.dates.set_value(date(today.year, 1, 1), today)
        self.group = QComboBox()
        for code, text in GROUPS:
            self.group.addItem(_(text), code)
        group_label = QLabel(_("&Group:"))
        group_label.setBuddy(self.group)
        self.show_button = QPushButton(_("Sho&w"))
        filters = QHBoxLayout()
        filters.addWidget(self.dates, 1)
        filters.addWidget(group_label)
        filters.addWidget(self.group)
        filters.addWidget(self.show_button)
        self.models = {code: RowTableModel(total_columns(code), self) for code, _t in GROUPS}
        self.model = self.models["category"]
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("paymentTotals")
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sum_line = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.dates.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sum_line)
        self.show_button.clicked.connect(self.load)
        self.dates.submitted.connect(self.load)
        self.group.currentIndexChanged.connect(self.load)

    def load(self) -> None:
        found = self.dates.value()
        if found is None or found[0] is None or found[1] is None:
            return
        try:
            rows = self._payments.totals(self._actor, found[0], found[1])
        except UserError as exc:
            show_error(self, exc)
            return
        by = str(self.group.currentData())
        self.model = self.models[by]
        self.proxy.setSourceModel(self.model)
        lines = group(rows, by)
        self.model.set_rows(lines)
        count, paid = sum(t.count for t in lines), sum(t.paid for t in lines)
        self.sum_line.setText(_("In all: {count} payment(s), paid {paid}.").format(count=format_number(count),
                                                                                  paid=format_money(paid)))  # fmt: skip
