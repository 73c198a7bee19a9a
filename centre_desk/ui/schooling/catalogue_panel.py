"""The catalogue of vocational courses, a page of the record's Schooling and training tab: every course with its
level, length, cost and provider; the manager adds, changes, retires a course or offers it again (the service
refuses anyone else). Read off the UI thread when first shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.entries.fields import label
from centre_desk.services.schooling.dto import CourseRow
from centre_desk.services.schooling.service import SchoolingService
from centre_desk.services.schooling.terms import COURSE_LEVELS
from centre_desk.ui.entries.tab import ExtraPanel
from centre_desk.ui.errors import show_error
from centre_desk.ui.lodging.census_actions import weakly
from centre_desk.ui.schooling.course_dialog import CourseDialog, show_number
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.table_model import Column, RowTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CATALOGUE = N_("Course catalogue")


def _columns() -> list[Column[CourseRow]]:
    return [
        Column(_("Trade"), lambda c: c.trade),
        Column(_("Level"), lambda c: label(COURSE_LEVELS, c.level)),
        Column(_("Months"), lambda c: show_number(c.months), RIGHT),
        Column(_("Hours"), lambda c: show_number(c.hours), RIGHT),
        Column(_("Cost (đồng)"), lambda c: show_number(c.cost), RIGHT),
        Column(_("Training institution"), lambda c: c.provider),
        Column(_("Contact"), lambda c: c.provider_contact),
        Column(_("Enrolments"), lambda c: c.enrolled, RIGHT),
        Column(_("Offered"), lambda c: _("yes") if c.active else _("retired")),
    ]


class CataloguePanel(QWidget):
    def __init__(self, service: SchoolingService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("courseCatalogue")
        self._service, self._actor = service, actor
        self.loaded = self.loading = False
        self.model: RowTableModel[CourseRow] = RowTableModel(_columns(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        note = QLabel(_("The courses the centre's residents may be enrolled in. Only the manager keeps this list; a "
                        "course no longer offered is retired, and the enrolments that name it keep it."))  # fmt: skip
        note.setWordWrap(True)
        self.add_button = QPushButton(_("Add a c&ourse…"))
        self.change_button = QPushButton(_("Change the co&urse…"))
        self.offer_button = QPushButton(_("Re&tire"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.offer_button):
            buttons.addWidget(button)
            button.setVisible(actor.can(Action.ADMINISTER, FieldGroup.SCHOOLING))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_course)
        self.change_button.clicked.connect(self.change_course)
        self.offer_button.clicked.connect(self.toggle_offered)
        self.table.doubleClicked.connect(self.change_course)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        if not self.loaded:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        if self.loading:
            return
        self.loading = True
        service, actor = self._service, self._actor
        run_task(
            self, lambda: service.courses(actor), weakly(self._on_loaded), weakly(self._on_failed), writes_db=True
        )  # (the read is audited)

    def _on_loaded(self, rows: tuple[CourseRow, ...]) -> None:
        self.loading, self.loaded = False, True
        self.show_rows(rows)

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        show_error(self, exc)

    def show_rows(self, rows: tuple[CourseRow, ...]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> CourseRow | None:
        picked = self.table.selectionModel().selectedRows()
        return self.model.row(picked[0].row()) if picked else None

    def _update_buttons(self) -> None:
        course = self.selected()
        self.change_button.setEnabled(course is not None)
        self.offer_button.setEnabled(course is not None)
        self.offer_button.setText(_("Offer a&gain") if course is not None and not course.active else _("Re&tire"))

    def add_course(self) -> None:
        service, actor = self._service, self._actor
        if CourseDialog.ask(self, None, lambda data: service.save_course(actor, None, None, data)) is not None:
            self.reload()

    def change_course(self) -> None:
        course = self.selected()
        if course is None or not self._actor.can(Action.ADMINISTER, FieldGroup.SCHOOLING):
            return
        service, actor = self._service, self._actor
        saved = CourseDialog.ask(self, course, lambda data: service.save_course(actor, course.id, course.version, data))
        if saved is not None:
            self.reload()

    def toggle_offered(self) -> None:
        course = self.selected()
        if course is None:
            return
        try:
            self._service.set_course_offered(self._actor, course.id, course.version, not course.active)
        except UserError as exc:
            show_error(self, exc)
        self.reload()


def schooling_extras(service: SchoolingService) -> dict[str, ExtraPanel]:
    """The panel the vocational-course kind names, for the record window (ResidentsFlow passes it in)."""
    return {"course_catalogue": (CATALOGUE, lambda actor, _rid: CataloguePanel(service, actor))}
