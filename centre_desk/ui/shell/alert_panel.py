"""A titled short list of the Overview (health alerts, case work): the most pressing lines, "… and n more" under
them; Enter or a double click opens the record. Subclasses read their lines off the UI thread and `show_rows`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidgetItem, QWidget

from centre_desk.i18n import _
from centre_desk.ui.shell.overview_lodging import ID_ROLE, alert_list, fill_list


class AlertPanel(QWidget):
    open_record = Signal(int)

    def __init__(self, name: str, title: str) -> None:
        super().__init__()
        self.loading = False
        self.list = alert_list(name)
        self.label = QLabel(title)
        self.label.setBuddy(self.list)
        self.label.setStyleSheet("font-weight: bold;")
        self.more = QLabel()
        layout = QGridLayout(self)  # as the lists beside it, so they line up
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 0, 0)
        layout.addWidget(self.list, 1, 0)
        layout.addWidget(self.more, 2, 0)
        self.list.itemActivated.connect(self._on_item_activated)

    def show_rows(self, rows: list[tuple[str, int, str]], empty: str) -> None:
        """(text, resident id, colour) lines, the read over."""
        self.loading = False
        fill_list(self.list, self.more, rows, empty)

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.list.clear()
        self.list.addItem(getattr(exc, "message", "") or _("The lists could not be read."))

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        resident_id = item.data(ID_ROLE)
        if isinstance(resident_id, int):
            self.open_record.emit(resident_id)
