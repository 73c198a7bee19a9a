"""The main window's Support payments page (intake officer and manager): the payment list of a period, the totals,
the rates. Each tab reads when first shown and again when asked."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.payments.papers import PaymentPapers
from centre_desk.services.payments.service import PaymentService
from centre_desk.ui.events import AppEvents
from centre_desk.ui.payments.list_view import PaymentListTab
from centre_desk.ui.payments.rates_view import RatesTab
from centre_desk.ui.payments.totals_view import TotalsTab

CHANGED = "payments"


class PaymentsPage(QTabWidget):
    def __init__(self, payments: PaymentService, papers: PaymentPapers, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self.setObjectName("paymentsPage")
        self._events = events
        self._loaded: set[int] = set()
        self.list_tab = PaymentListTab(payments, papers, actor)
        self.totals_tab = TotalsTab(payments, actor)
        self.rates_tab = RatesTab(payments, actor)
        self.addTab(self.list_tab, _("Payment l&ist"))
        self.addTab(self.totals_tab, _("&Totals"))
        self.addTab(self.rates_tab, _("R&ates"))
        self.currentChanged.connect(self._load_current)
        self.list_tab.recorded.connect(lambda: events.data_changed.emit(CHANGED))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load_current(self.currentIndex())

    def _load_current(self, index: int) -> None:
        if index in self._loaded:
            return
        self._loaded.add(index)
        tab = self.widget(index)
        if isinstance(tab, PaymentListTab | TotalsTab | RatesTab):
            tab.load()
