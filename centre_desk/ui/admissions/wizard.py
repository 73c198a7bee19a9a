"""The admission wizard: ten sections listed on the left, a draft saved as the user types.

Enter moves to the next section (a multi-line box keeps Enter for new lines); Ctrl+Enter goes to the
review and, there, saves. Saving is one call to `AdmissionService.admit`; a ValidationError brings
the user to the field with a red message under it and keeps everything typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import Conflict, NotFound, UserError, ValidationError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import ResidentInput
from centre_desk.services.admissions import AdmissionRow, AdmissionService, PossibleMatch
from centre_desk.services.drafts import DraftRow, DraftService
from centre_desk.services.installation import Centre
from centre_desk.ui.admissions import dialogs
from centre_desk.ui.admissions.care import BelongingsPage, ConditionPage, ConsentPage
from centre_desk.ui.admissions.fields import ERROR_STYLE, WizardPage
from centre_desk.ui.admissions.home import HomePage, SchoolingPage
from centre_desk.ui.admissions.identity import ArrivalPage, IdentityPage
from centre_desk.ui.admissions.payload import Payload, draft_label, page_of_field, to_input
from centre_desk.ui.admissions.review import ReviewPage
from centre_desk.ui.admissions.story import StatusPage, TraffickingPage
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.widgets.window_fit import fit_window

log = logging.getLogger(__name__)

AUTOSAVE_MS = 3000
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _in_item_view(widget: QWidget) -> bool:
    """Whether `widget` is a cell editor (its parent is the viewport of a table or list)."""
    viewport = widget.parentWidget()
    view = viewport.parentWidget() if viewport is not None else None
    return isinstance(view, QAbstractItemView) and view.viewport() is viewport


class AdmissionWizard(QDialog):
    admitted = Signal(object)  # the AdmissionRow
    draft_saved = Signal(object)  # the DraftRow

    def __init__(
        self,
        admissions: AdmissionService,
        drafts: DraftService,
        actor: Actor,
        events: AppEvents,
        parent: QWidget | None = None,
        draft_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._admissions = admissions
        self._drafts = drafts
        self._actor = actor
        self._events = events
        self._draft: DraftRow | None = None
        self._dirty = False
        self._saving = False
        self._visited: set[int] = {0}
        self.result_row: AdmissionRow | None = None
        self.open_record = False
        self.setWindowTitle(_("New admission"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_window(self, QSize(1180, 760), "admissionWizard")

        self.pages: list[WizardPage] = [
            ArrivalPage(),
            IdentityPage(),
            HomePage(),
            SchoolingPage(),
            TraffickingPage(actor),
            StatusPage(),
            ConsentPage(),
            BelongingsPage(),
            ConditionPage(actor),
            ReviewPage(self._find_matches),
        ]
        self.sections = QListWidget()
        self.sections.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sections.setFixedWidth(250)
        self.sections.setSpacing(3)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.stack.addWidget(page)
            page.changed.connect(self._on_page_changed)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.draft_state = QLabel()
        self.draft_state.setStyleSheet("color: #5f6368;")
        self.back_button = QPushButton(_("< &Back"))
        self.next_button = QPushButton(_("&Next >"))
        self.save_button = QPushButton(_("&Save the admission"))
        self.close_button = QPushButton(_("Close"))
        self.save_button.setToolTip(_("Ctrl+Enter"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_state, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.save_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.close_button)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.stack, 1)
        right.addWidget(self.message)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.sections)
        layout.addLayout(right, 1)

        self.setTabOrder(self.next_button, self.save_button)  # from the last field, Tab reaches "Next" first
        self.setTabOrder(self.save_button, self.back_button)
        self.setTabOrder(self.back_button, self.close_button)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.sections.currentRowChanged.connect(self._on_section_chosen)
        for keys, slot in (
            (QKeySequence.StandardKey.MoveToNextPage, self.go_next),
            (QKeySequence.StandardKey.MoveToPreviousPage, self.go_back),
            ("Ctrl+PgDown", self.go_next),
            ("Ctrl+PgUp", self.go_back),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        for widget in self.findChildren(QWidget):
            widget.installEventFilter(self)

        if draft_id is not None:
            self._restore(draft_id)
        self._show_page(self.stack.currentIndex())

    # -- navigation ----------------------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        parent: QWidget | None,
        centre: Centre,
        actor: Actor,
        events: AppEvents,
        draft_id: int | None = None,
        open_record: Callable[[int], None] | None = None,
    ) -> AdmissionRow | None:
        """Run the wizard modally; the new admission, or None if closed. `open_record(resident_id)` is called
        when the user asks to open the new record."""
        wizard = cls(centre.admissions, centre.drafts, actor, events, parent, draft_id)
        wizard.exec()
        row = wizard.result_row
        if row is not None and wizard.open_record and open_record is not None:
            open_record(row.resident_id)
        wizard.deleteLater()
        return row

    def current_page(self) -> WizardPage:
        return self.pages[self.stack.currentIndex()]

    def go_next(self) -> None:
        self.go_to(min(self.stack.currentIndex() + 1, len(self.pages) - 1))

    def go_back(self) -> None:
        self.go_to(max(self.stack.currentIndex() - 1, 0))

    def go_to(self, index: int) -> None:
        if index == self.stack.currentIndex():
            return
        if self._dirty:
            self.save_draft()
        self._show_page(index)

    def _on_section_chosen(self, row: int) -> None:
        if row >= 0:
            self.go_to(row)

    def _show_page(self, index: int) -> None:
        self._visited.add(index)
        self.stack.setCurrentIndex(index)
        page = self.pages[index]
        page.refresh(self.payload())
        self.heading.setText(f"{index + 1}. {_(page.title)}")
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(index < len(self.pages) - 1)
        self.save_button.setVisible(index == len(self.pages) - 1)
        self._update_sections(index)
        self._focus_first()

    def _focus_first(self) -> None:
        page = self.current_page()
        first = self.save_button if isinstance(page, ReviewPage) else page.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_first)

    def _update_sections(self, current: int) -> None:
        payload = self.payload()
        self.sections.blockSignals(True)
        self.sections.clear()
        for index, page in enumerate(self.pages):
            done = index in self._visited and index != current and page.complete(payload)
            mark = "✓" if done else "   "
            self.sections.addItem(f"{mark}  {index + 1}. {_(page.title)}")
        self.sections.setCurrentRow(current)
        self.sections.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter moves on, except in multi-line boxes, on push buttons (which click) and in a grid cell being
        typed (which commits the cell); Ctrl+Enter goes to the review and, there, saves."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.key() not in ENTER_KEYS:
            return super().eventFilter(watched, event)
        if not isinstance(watched, QWidget) or watched.window() is not self:
            return False  # a popup (a combo box list, the ethnicity suggestions) handles its own Enter
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._on_ctrl_enter()
            return True
        focus = QApplication.focusWidget()
        if isinstance(focus, (QPlainTextEdit, QTextEdit, QPushButton)):
            return False
        if focus is not None and isinstance(focus.parentWidget(), QWidget) and _in_item_view(focus):
            return True  # the cell editor has committed the cell; stay in the grid
        self.go_next()
        return True

    def _on_ctrl_enter(self) -> None:
        if self.stack.currentIndex() == len(self.pages) - 1:
            self.save()
        else:
            self.go_to(len(self.pages) - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS:  # never the default button: Enter means "next"
            self._on_ctrl_enter() if event.modifiers() & Qt.KeyboardModifier.ControlModifier else self.go_next()
            return
        super().keyPressEvent(event)

    # -- the draft -------------------------------------------------------------------------------------------------

    def payload(self) -> Payload:
        merged: Payload = {}
        for page in self.pages:
            merged.update(page.values())
        merged["page"] = self.stack.currentIndex()
        return merged

    def _on_page_changed(self) -> None:
        self._dirty = True
        self._autosave.start()

    def _restore(self, draft_id: int) -> None:
        try:
            self._draft, payload = self._drafts.load(self._actor, draft_id)
        except UserError as exc:
            show_error(self, exc)
            return
        for page in self.pages:
            page.load(payload)
        page_index = payload.get("page")
        if isinstance(page_index, int) and 0 <= page_index < len(self.pages):
            self._visited.update(range(page_index + 1))
            self.stack.setCurrentIndex(page_index)
        self.draft_state.setText(_("Draft of {when}").format(when=format_datetime(self._draft.updated_at)))

    def save_draft(self) -> DraftRow | None:
        """Save everything typed as the user's draft (called on page change and after a pause in typing)."""
        self._autosave.stop()
        payload = self.payload()
        draft_id, version = (self._draft.id, self._draft.version) if self._draft else (None, None)
        try:
            self._draft = self._drafts.save(self._actor, draft_id, version, draft_label(payload), payload)
        except (Conflict, NotFound):
            # Saved from another window (or discarded there): keep this input as a draft of its own.
            log.info("draft %s changed elsewhere; saving a new draft", draft_id)
            try:
                self._draft = self._drafts.save(self._actor, None, None, draft_label(payload), payload)
            except UserError as exc:
                self.draft_state.setText(exc.message)
                return None
        except UserError as exc:
            self.draft_state.setText(exc.message)
            return None
        self._dirty = False
        self.draft_state.setText(_("Draft saved at {time}").format(time=format_datetime(utcnow())[-5:]))
        self.draft_saved.emit(self._draft)
        return self._draft

    @property
    def draft(self) -> DraftRow | None:
        return self._draft

    # -- saving --------------------------------------------------------------------------------------------------

    def _find_matches(self, person: ResidentInput) -> list[PossibleMatch]:
        return self._admissions.possible_readmissions(self._actor, person)

    def clear_errors(self) -> None:
        self.message.clear()
        for page in self.pages:
            page.clear_errors()

    def save(self) -> AdmissionRow | None:
        if self._saving:
            return None
        self._saving = True
        try:
            return self._save()
        finally:
            self._saving = False

    def _save(self) -> AdmissionRow | None:
        self.clear_errors()
        payload = self.payload()
        try:
            row = self._admissions.admit(self._actor, to_input(payload))
        except ValidationError as exc:
            log.info("admission refused: field %s", exc.field)
            self.show_field_error(exc.field, exc.message)
            return None
        except UserError as exc:
            show_error(self, exc)
            return None
        self.result_row = row
        self._autosave.stop()
        if self._draft is not None:
            try:
                self._drafts.discard(self._actor, self._draft.id)
            except UserError:
                log.info("draft %s was already gone", self._draft.id)
            self._draft = None
        self._dirty = False
        self._events.data_changed.emit("resident")
        self.admitted.emit(row)
        self.open_record = dialogs.ask_open_record(self, row)
        self.accept()
        return row

    def show_field_error(self, field: str, message: str) -> None:
        """Go to the page holding `field`, put the message under it and focus it (nothing typed is lost)."""
        index = page_of_field(field)
        self.message.setText(message)
        if index is None:
            return
        self.go_to(index)
        page = self.pages[index]
        target: QWidget | None = None
        if isinstance(page, ConsentPage):
            target = page.show_row_error(field, message)
        if target is None:
            box = page.box_for(field)
            if box is not None:
                box.show_error(message)
                target = box.focus_target()
        if target is not None:
            page.ensureWidgetVisible(target)
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- closing -------------------------------------------------------------------------------------------------

    def reject(self) -> None:
        if self.result_row is None and (self._dirty or self._draft is not None):
            choice = dialogs.ask_keep_draft(self)
            if choice is dialogs.CloseChoice.CANCEL:
                return
            if choice is dialogs.CloseChoice.KEEP:
                self._dirty = True
                if self.save_draft() is None:
                    return  # the draft could not be saved: stay, so nothing is lost
            else:
                self._discard_draft()
        self._autosave.stop()
        super().reject()

    def _discard_draft(self) -> None:
        self._autosave.stop()
        self._dirty = False
        if self._draft is not None:
            try:
                self._drafts.discard(self._actor, self._draft.id)
            except UserError as exc:
                show_error(self, exc)
            self._draft = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() == QDialog.DialogCode.Accepted or not self.isVisible():
            event.accept()
            return
        event.ignore()
        self.reject()
