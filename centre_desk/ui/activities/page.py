"""The Group sessions page: the centre's life-skills, recreation and prevention sessions, newest first (by year and
kind), with New (Insert), Change (F2), Strike out (Delete) and Print the attendance sheet. The list is read off
the UI thread when the page is first shown and after each change; the sheet is made off it too."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout

from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime, format_number
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.activities.dto import SessionFilter, SessionInput, SessionPage, SessionRow, SessionView
from centre_desk.services.activities.service import ActivityService
from centre_desk.services.activities.terms import KINDS
from centre_desk.ui.activities.session_dialog import SessionDialog
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.loading_panel import LoadingPanel
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

log = logging.getLogger(__name__)

FIRST_YEAR = 2011  # the oldest records a centre brings in
CHANGED = "activities"


def attendance_text(row: SessionRow) -> str:
    """ "12", or "12 + 3" with those from outside."""
    return format_number(row.attendance) + (f" + {format_number(row.outside_count)}" if row.outside_count else "")


def session_columns() -> list[Column[SessionRow]]:
    right = Qt.AlignmentFlag.AlignRight
    struck = _("[struck out]")
    return [
        Column(_("Date and time"), lambda r: format_datetime(r.starts_at), sort_key=lambda r: r.starts_at.timestamp()),
        Column(_("Kind"), lambda r: r.kind_name),
        Column(_("Topic"), lambda r: f"{struck} {r.topic}" if r.struck else r.topic),
        Column(_("Led by"), lambda r: r.facilitator),
        Column(_("Attendance"), attendance_text, right, sort_key=lambda r: r.attendance + r.outside_count),
    ]


class ActivitiesPage(LoadingPanel):
    def __init__(self, service: ActivityService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self.setObjectName("activitiesPage")
        self._service, self._actor, self._events = service, actor, events
        self.page: SessionPage | None = None
        self._printing = False
        title = QLabel(_("Group sessions"))
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        self.year_combo = QComboBox()
        self.year_combo.addItem(_("All years"), None)
        for year in range(date.today().year, FIRST_YEAR - 1, -1):
            self.year_combo.addItem(str(year), year)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(_("All kinds"), "")
        for code, text in KINDS:
            self.kind_combo.addItem(_(text), code)
        self.model: RowTableModel[SessionRow] = RowTableModel(session_columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("sessionTable")
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        self.more_button = QPushButton(_("Show &more"))
        self.new_button = QPushButton(_("&New session…"))
        self.change_button = QPushButton(_("Chan&ge…"))
        self.strike_button = QPushButton(_("Strike &out…"))
        self.print_button = QPushButton(_("&Print the attendance sheet…"))
        filters = QHBoxLayout()
        for text, combo in ((_("&Year:"), self.year_combo), (_("Kin&d:"), self.kind_combo)):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.new_button, self.change_button, self.strike_button, self.print_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        actions.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.can_create = actor.can(Action.CREATE, FieldGroup.ACTIVITIES)
        self.can_edit = actor.can(Action.EDIT, FieldGroup.ACTIVITIES)
        self.can_print = actor.can(Action.PRINT, FieldGroup.ACTIVITIES)
        self.new_button.setVisible(self.can_create)
        self.change_button.setVisible(self.can_edit)
        self.strike_button.setVisible(self.can_edit)
        self.print_button.setVisible(self.can_print)
        for keys, slot in (("Insert", self.new_session), ("F2", self.change_session), ("Delete", self.strike_session)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_button.clicked.connect(self.new_session)
        self.change_button.clicked.connect(self.change_session)
        self.strike_button.clicked.connect(self.strike_session)
        self.print_button.clicked.connect(self.print_sheet)
        self.more_button.clicked.connect(self._on_more_button_clicked)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self.table.doubleClicked.connect(lambda _i: self.change_session())
        events.data_changed.connect(self._on_data_changed)
        self._update_actions()

    # -- reading ---------------------------------------------------------------------------------------------------

    def wanted(self, offset: int = 0) -> SessionFilter:
        return SessionFilter(year=self.year_combo.currentData(), kind=str(self.kind_combo.currentData() or ""),
                             offset=offset)  # fmt: skip

    def read(self) -> SessionPage:
        service, actor, wanted = self._service, self._actor, self.wanted()
        return service.sessions(actor, wanted)

    def show_data(self, data: object) -> None:
        assert isinstance(data, SessionPage)
        self.page = data
        self.model.set_rows(data.rows)
        self.table.resizeColumnsToContents()
        self._update_count()

    def _on_more_button_clicked(self) -> None:
        if self.page is None or self.loading:
            return
        service, actor, wanted = self._service, self._actor, self.wanted(len(self.model.rows()))
        self.loading = True
        run_task(self, lambda: service.sessions(actor, wanted), self._on_more, self._failed)

    def _on_more(self, more: SessionPage) -> None:
        self.loading = False
        self.page = more
        self.model.set_rows([*self.model.rows(), *more.rows])
        self._update_count()

    def _update_count(self) -> None:
        shown, total = len(self.model.rows()), self.page.total if self.page else 0
        self.count_label.setText(_("{shown} of {total} session(s)").format(shown=format_number(shown),
                                                                           total=format_number(total)))  # fmt: skip
        self.more_button.setVisible(shown < total)
        self._update_actions()

    def _on_data_changed(self, kind: str) -> None:
        if kind in (CHANGED, "lodging", "resident") and self.loaded:
            self.reload()

    def selected(self) -> SessionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _update_actions(self) -> None:
        row = self.selected()
        editable = row is not None and not row.struck
        self.change_button.setEnabled(editable)
        self.strike_button.setEnabled(editable)
        self.print_button.setEnabled(editable and not self._printing)

    # -- writing ---------------------------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._events.data_changed.emit(CHANGED)
            self.reload()

    def _dialog(self, session: SessionView | None) -> SessionDialog:
        service, actor = self._service, self._actor
        session_id = session.row.id if session is not None else None

        def submit(data: SessionInput) -> SessionView:
            if session is None:
                return service.create(actor, data)
            return service.change(actor, session.row.id, session.row.version, data)

        now = datetime.now(UTC)
        return SessionDialog(self, lambda at: service.choices(actor, at, session_id), now, submit, session)

    def new_session(self) -> None:
        if self.can_create:
            self._open(self._dialog(None))

    def change_session(self) -> None:
        row = self.selected()
        if not self.can_edit or row is None or row.struck:
            return
        try:
            session = self._service.session(self._actor, row.id)
        except UserError as exc:
            show_error(self, exc)
            return
        self._open(self._dialog(session))

    def strike_session(self) -> None:
        row = self.selected()
        if not self.can_edit or row is None or row.struck:
            return
        service, actor = self._service, self._actor
        self._open(ReasonDialog(
            self, _("Strike out the group session"),
            _("The session stays in the list, struck out, with your reason, and leaves the residents' timelines. "
              "Use this for a session recorded twice or by mistake; to correct a detail, use Change."),
            _("&Why is it struck out?"), _("Strike out"),
            lambda reason: service.strike(actor, row.id, row.version, reason),
        ))  # fmt: skip

    def print_sheet(self) -> None:
        row = self.selected()
        if not self.can_print or row is None or row.struck or self._printing:
            return
        service, actor = self._service, self._actor
        self._printing = True
        self._update_actions()
        run_task(self, lambda: (row, service.attendance_pdf(actor, row.id)), self._on_sheet, self._on_no_sheet)

    def _on_sheet(self, result: tuple[SessionRow, bytes]) -> None:
        self._printing = False
        self._update_actions()
        row, pdf = result
        title = _("Attendance sheet, {date}").format(date=format_datetime(row.starts_at))
        DocumentPreviewDialog.show_document(self.window(), title, pdf, f"danh-sach-sinh-hoat-{row.id}.pdf")

    def _on_no_sheet(self, exc: BaseException) -> None:
        self._printing = False
        self._update_actions()
        show_error(self, exc)
