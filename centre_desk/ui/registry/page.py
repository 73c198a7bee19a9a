"""The resident registry: search as you type, filters, a lazy table, the columns the user picks."""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from centre_desk.formatting import format_number
from centre_desk.i18n import _
from centre_desk.models.resident import Channel
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.registry import (
    COUNT_LIMIT,
    AgeBand,
    Presence,
    RegistryFilter,
    RegistryRow,
    RegistryService,
    age_band_name,
    channel_name,
    presence_name,
)
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.registry.model import BLOCK, COLUMNS, ID_ROLE, RegistryModel, column_title
from centre_desk.ui.tasks import run_task

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200
FIRST_YEAR = 2005
COLUMNS_KEY = "registry/columns"
IGNORED_KINDS = frozenset({"account", "centre", "settings", "backup"})  # data_changed kinds that cannot alter the list


def _weakly(method: Callable[..., None]) -> Callable[[Any], None]:
    """A run_task callback that does not keep a closed page alive."""
    ref = weakref.WeakMethod(method)

    def call(result: Any) -> None:
        bound = ref()
        if bound is not None:
            bound(result)

    return call


class RegistryPage(QWidget):
    """Everyone admitted, in Vietnamese order; aliases only for those without identity access."""

    open_record = Signal(int)  # resident id
    new_admission = Signal()

    def __init__(
        self, registry: RegistryService, actor: Actor, events: AppEvents, *, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("registryPage")
        self._registry = registry
        self._actor = actor
        self._settings = settings
        self.allowed = actor.can(Action.VIEW, FieldGroup.PLACEMENT)
        self.names_shown = actor.can(Action.VIEW, FieldGroup.IDENTITY)
        self._generation = 0
        self._loading = False
        self._stale = True
        self._open_when_loaded = False
        self._shown_filter: RegistryFilter | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)

        self.not_allowed_note = QLabel(_("Your account cannot see the list of residents."))
        self.not_allowed_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.not_allowed_note.setVisible(not self.allowed)
        self.content = QWidget()
        self.content.setVisible(self.allowed)
        outer = QVBoxLayout(self)
        outer.addWidget(self.not_allowed_note)
        outer.addWidget(self.content)
        self._build_filters()
        self._build_table()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._top)
        layout.addLayout(self._filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        events.data_changed.connect(self._on_events_data_changed)

    # -- building ---------------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("registrySearch")
        self.search_edit.setPlaceholderText(_("Search by name, alias or code…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.search_edit.textChanged.connect(self._on_filter_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_edit.installEventFilter(self)
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search_edit)
        self.new_button = QPushButton(_("&New admission…"))
        self.new_button.setVisible(self._actor.can(Action.CREATE, FieldGroup.IDENTITY))
        self.new_button.clicked.connect(self.new_admission)
        self.columns_button = QPushButton(_("C&olumns…"))
        self.columns_button.clicked.connect(self._on_columns_button_clicked)
        self._top = QHBoxLayout()
        self._top.addWidget(search_label)
        self._top.addWidget(self.search_edit, 1)
        self._top.addSpacing(12)
        self._top.addWidget(self.new_button)
        self._top.addWidget(self.columns_button)

        self.presence_combo = QComboBox()
        for value in (Presence.PRESENT, Presence.DISCHARGED, Presence.ALL):
            self.presence_combo.addItem(presence_name(value), value)
        self.presence_combo.setCurrentIndex(self.presence_combo.findData(Presence.ALL))
        self.channel_combo = QComboBox()
        self.channel_combo.addItem(_("Any channel"), None)
        for channel in Channel:
            self.channel_combo.addItem(channel_name(channel), channel)
        self.year_combo = QComboBox()
        self.year_combo.addItem(_("Any year"), None)
        for year in range(date.today().year, FIRST_YEAR - 1, -1):
            self.year_combo.addItem(str(year), year)
        self.age_combo = QComboBox()
        for band in AgeBand:
            self.age_combo.addItem(age_band_name(band), band)
        self.pupils_check = QCheckBox(_("&Pupils and students only"))
        for combo, letters in ((self.presence_combo, 8), (self.channel_combo, 13)):
            # About as wide as `letters` letters: the open list still shows the longest choice in full.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
        for combo in (self.presence_combo, self.channel_combo, self.year_combo, self.age_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.pupils_check.toggled.connect(self._on_filter_changed)
        self._filters = QHBoxLayout()
        for text, widget in ((_("S&how:"), self.presence_combo), (_("Arrival &channel:"), self.channel_combo),
                             (_("Arrival &year:"), self.year_combo), (_("A&ge:"), self.age_combo)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            self._filters.addWidget(label)
            self._filters.addWidget(widget)
            self._filters.addSpacing(8)
        self._filters.addWidget(self.pupils_check)
        self._filters.addStretch(1)

    def _build_table(self) -> None:
        self.model = RegistryModel(lambda offset, limit: [], names_shown=self.names_shown, parent=self)
        self.model.fetch_failed.connect(self._on_model_fetch_failed)
        self.table = QTableView()
        self.table.setObjectName("registryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu)
        widths = {"code": 100, "name": 160, "marks": 150, "birth_year": 70, "age": 45, "ethnic_group": 80,
                  "home_commune": 110, "arrived_at": 95, "channel": 150, "status": 115}  # fmt: skip
        for number, column in enumerate(COLUMNS):
            self.table.setColumnWidth(number, widths.get(column.key, 120))
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.installEventFilter(self)
        self._apply_columns(self._saved_columns())
        self.count_label = QLabel()
        self.count_label.setObjectName("registryCount")

    def add_top_button(self, button: QPushButton) -> None:
        """A button of the embedding screen (e.g. "Resume a draft…"), beside "New admission"."""
        self._top.insertWidget(self._top.indexOf(self.new_button), button)

    # -- columns ----------------------------------------------------------------------------------
    def _saved_columns(self) -> set[str]:
        default = {c.key for c in COLUMNS if c.shown}
        if self._settings is None:
            return default
        value = self._settings.value(COLUMNS_KEY)
        if isinstance(value, str):
            value = [v for v in value.split(",") if v]
        chosen = {str(v) for v in value} if isinstance(value, list) else default
        return (chosen & {c.key for c in COLUMNS}) or default

    def shown_columns(self) -> set[str]:
        return {c.key for n, c in enumerate(COLUMNS) if not self.table.isColumnHidden(n)}

    def _apply_columns(self, keys: set[str]) -> None:
        for number, column in enumerate(COLUMNS):
            self.table.setColumnHidden(number, column.key not in keys and column.key != "name")

    def set_column_shown(self, key: str, shown: bool) -> None:
        keys = self.shown_columns() | {key} if shown else self.shown_columns() - {key}
        self._apply_columns(keys)
        if self._settings is not None:
            self._settings.setValue(COLUMNS_KEY, ",".join(c.key for c in COLUMNS if c.key in self.shown_columns()))

    def columns_menu(self) -> QMenu:
        menu = QMenu(self)
        shown = self.shown_columns()
        for column in COLUMNS:
            action = QAction(column_title(column, self.names_shown), menu, checkable=True)
            action.setChecked(column.key in shown)
            action.setEnabled(column.key != "name")  # the list is useless without it
            action.toggled.connect(lambda on, key=column.key: self.set_column_shown(key, on))
            menu.addAction(action)
        return menu

    def _on_header_context_menu(self, pos: QPoint) -> None:
        self.columns_menu().exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _on_columns_button_clicked(self) -> None:
        self.columns_menu().exec(self.columns_button.mapToGlobal(QPoint(0, self.columns_button.height())))

    # -- listing ----------------------------------------------------------------------------------
    def current_filter(self) -> RegistryFilter:
        return RegistryFilter(
            search=self.search_edit.text(),
            presence=Presence(self.presence_combo.currentData()),
            age=AgeBand(self.age_combo.currentData()),
            pupils_only=self.pupils_check.isChecked(),
            channel=self.channel_combo.currentData(),
            year=self.year_combo.currentData(),
        )

    @property
    def loading(self) -> bool:
        return self._loading or self._timer.isActive()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.allowed:
            self.refresh()

    def _on_filter_changed(self) -> None:
        self._timer.start()  # restarts: one search when the typing pauses

    def _on_events_data_changed(self, kind: str) -> None:
        if kind in IGNORED_KINDS:
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Count and first block off the UI thread; a newer request makes older results void."""
        if not self.allowed:
            return
        self._timer.stop()
        self._stale = False
        self._generation += 1
        generation, wanted = self._generation, self.current_filter()
        self._loading = True
        registry, actor = self._registry, self._actor

        def work() -> tuple[int, RegistryFilter, int, list[RegistryRow]]:
            return generation, wanted, *registry.first_page(actor, wanted, BLOCK)

        run_task(self, work, _weakly(self._on_loaded), _weakly(self._on_load_failed), writes_db=True)

    def _on_loaded(self, result: tuple[int, RegistryFilter, int, list[RegistryRow]]) -> None:
        generation, wanted, count, first = result
        if generation != self._generation:
            return
        self._loading = False
        self._shown_filter = wanted
        registry, actor = self._registry, self._actor
        self.model.reset(lambda offset, limit: registry.page(actor, wanted, offset, limit), count, first)
        if count > COUNT_LIMIT:  # counted no further
            self.count_label.setText(_("More than {count} residents").format(count=format_number(COUNT_LIMIT)))
        else:
            self.count_label.setText(_("{count} residents").format(count=format_number(count)))
        if self._open_when_loaded:
            self._open_when_loaded = False
            self._open(0)

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._open_when_loaded = False
        self.count_label.setText("")
        show_error(self, exc)

    def _on_model_fetch_failed(self, exc: BaseException) -> None:
        QTimer.singleShot(0, lambda: show_error(self, exc))  # not from inside the view's painting

    # -- opening ----------------------------------------------------------------------------------
    def _open(self, row: int) -> None:
        resident_id = self.model.index(row, 0).data(ID_ROLE) if 0 <= row < self.model.rowCount() else None
        if isinstance(resident_id, int):
            self.open_record.emit(resident_id)

    def _on_search_edit_return_pressed(self) -> None:
        if self.loading:
            self._open_when_loaded = True
            self.refresh()
            return
        current = self.table.currentIndex()
        self._open(current.row() if current.isValid() else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.table and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open(self.table.currentIndex().row())
                return True
            if watched is self.search_edit and event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)
