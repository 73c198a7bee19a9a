"""The attendance chooser: the residents present in the centre when the session started, filtered as one types,
ticked with Space, the counts shown. Keyboard only: type to filter, Down (or Enter) to the list, Space ticks,
Alt+A ticks every one shown, Alt+R clears. Those still on the list but no longer counted present (a leave
written afterwards) are shown with their presence, ticked, to be taken off."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

from centre_desk.i18n import _
from centre_desk.models.lodging import Presence
from centre_desk.services.activities.dto import Attendee, SessionChoices
from centre_desk.services.lodging.terms import PRESENCE_NAMES
from centre_desk.text import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


def line(a: Attendee) -> str:
    """ "Giàng Thị Mai — LC-2026-0007 (2009)", with her presence when she was not present."""
    year = f" ({a.birth_year})" if a.birth_year else ""
    away = "" if a.presence == Presence.PRESENT else f" — {_(PRESENCE_NAMES.get(a.presence, a.presence))}"
    return f"{a.label} — {a.code}{year}{away}"


class _Filter(QLineEdit):
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.down.emit()
            return
        super().keyPressEvent(event)


class AttendanceChooser(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = _Filter()
        self.filter.setObjectName("attendanceFilter")
        self.filter.setPlaceholderText(_("Type part of a name or code"))
        self.filter.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.list = QListView()
        self.list.setObjectName("attendanceList")
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.counts = QLabel()
        self.counts.setObjectName("attendanceCounts")
        self.counts.setWordWrap(True)
        self.all_button = QPushButton(_("Tick &all shown"))
        self.none_button = QPushButton(_("Clea&r the ticks"))
        filter_label = QLabel(_("&Filter:"))
        filter_label.setBuddy(self.filter)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.counts)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.filter.down.connect(self._on_filter_down)
        self.model.itemChanged.connect(lambda _item: self._count())
        self.all_button.clicked.connect(lambda: self._tick_shown(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._tick_shown(Qt.CheckState.Unchecked))
        self._away = 0
        self._count()

    def load(self, choices: SessionChoices, ticked: set[int]) -> None:
        """The residents of `choices`, those of `ticked` ticked (the ticks kept across a change of start)."""
        self.model.blockSignals(True)
        self.model.clear()
        for a in choices.attendable:
            item = QStandardItem(line(a))
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if a.resident_id in ticked else Qt.CheckState.Unchecked)
            item.setData(a.resident_id, ID_ROLE)
            item.setData(fold(f"{a.label} {a.code}"), SEARCH_ROLE)
            self.model.appendRow(item)
        self.model.blockSignals(False)
        self._away = choices.away
        self.proxy.invalidate()
        self._count()

    def ticked(self) -> tuple[int, ...]:
        return tuple(
            int(self.model.item(row).data(ID_ROLE))
            for row in range(self.model.rowCount())
            if self.model.item(row).checkState() == Qt.CheckState.Checked
        )

    def _count(self) -> None:
        text = _("{ticked} ticked of {shown} present").format(ticked=len(self.ticked()), shown=self.model.rowCount())
        if self._away:
            text += "; " + _("{n} on leave, in hospital or absent then").format(n=self._away)
        self.counts.setText(text)
        self.changed.emit()

    def _tick_shown(self, state: Qt.CheckState) -> None:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            self.model.itemFromIndex(source).setCheckState(state)

    def _on_filter_text_changed(self, text: str) -> None:
        """Every word typed, anywhere in the name or code, accents and case left out: "thi hoa" finds Lù Thị Hoa."""
        words = "".join(f"(?=.*{QRegularExpression.escape(w)})" for w in fold(text).split())
        self.proxy.setFilterRegularExpression(QRegularExpression(words))

    def _on_filter_down(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
