"""The admission wizard: eleven sections listed on the left, a draft saved as the user types.

Enter moves to the next section (a multi-line box keeps Enter for new lines, a grid confirms its cell);
Ctrl+Enter goes to the review and, there, saves. Errors show as you go (as_you_go.py): under a field when it is
left, under every field of a page when the page is left, and all of them, as links, on the review page, which is
where Save leads when something is left to correct. Saving is one call to `AdmissionService.admit`.

Only the page shown is built when the wizard opens; the others follow after the first paint (pages.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QPaintEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import Conflict, NotFound, UserError, ValidationError, ValidationErrors
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import ResidentInput
from centre_desk.services.admissions import AdmissionRow, AdmissionService, PossibleMatch
from centre_desk.services.drafts import DraftRow, DraftService
from centre_desk.services.installation import Centre
from centre_desk.services.lodging import LodgingService
from centre_desk.ui.admissions import dialogs
from centre_desk.ui.admissions.as_you_go import AsYouGo
from centre_desk.ui.admissions.bed_page import BedPage
from centre_desk.ui.admissions.care import BelongingsPage, ConditionPage, ConsentPage
from centre_desk.ui.admissions.enter_keys import ENTER_KEYS, EnterKeys
from centre_desk.ui.admissions.fields import ErrorSpot, WizardPage
from centre_desk.ui.admissions.home import HomePage, SchoolingPage
from centre_desk.ui.admissions.identity import ArrivalPage, IdentityPage
from centre_desk.ui.admissions.pages import LazyPages
from centre_desk.ui.admissions.payload import Payload, draft_label, to_input
from centre_desk.ui.admissions.review import ReviewPage
from centre_desk.ui.admissions.story import StatusPage, TraffickingPage
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.widgets.grid import Grid, SheetView
from centre_desk.ui.widgets.window_fit import fit_window

log = logging.getLogger(__name__)

AUTOSAVE_MS = 3000
PAGE_TITLES = tuple(kind.title for kind in (
    ArrivalPage, IdentityPage, HomePage, SchoolingPage, TraffickingPage,
    StatusPage, ConsentPage, BelongingsPage, ConditionPage, BedPage, ReviewPage,
))  # fmt: skip
RECHECK_MS = 400  # after a pause in typing, the problems (and what depends on the age) follow


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
        lodging: LodgingService | None = None,
    ) -> None:
        super().__init__(parent)
        self._admissions = admissions
        self._drafts = drafts
        self._actor = actor
        self._events = events
        self._draft: DraftRow | None = None
        self._pending: Payload = {}  # a draft being restored, for the pages not built yet
        self._dirty = False
        self._saving = False
        self._painted = False
        self.result_row: AdmissionRow | None = None
        self.open_record = False
        self.setWindowTitle(_("New admission"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_window(self, QSize(1180, 760), "admissionWizard")

        factories: list[Callable[[], WizardPage]] = [
            ArrivalPage,
            IdentityPage,
            HomePage,
            SchoolingPage,
            lambda: TraffickingPage(actor),
            StatusPage,
            ConsentPage,
            BelongingsPage,
            lambda: ConditionPage(actor),
            lambda: BedPage(lodging, actor),
            lambda: ReviewPage(self._find_matches, self.jump_to),
        ]
        self.enter_keys = EnterKeys(self, self.go_next, self._on_ctrl_enter)
        self.stack = QStackedWidget()
        for _factory in factories:
            self.stack.addWidget(QWidget())  # a stand-in until the page is built
        self.pages = LazyPages(factories, self._on_page_built)
        self.checks = AsYouGo(self.pages, utcnow)
        self.sections = QListWidget()
        self.sections.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sections.setFixedWidth(250)
        self.sections.setSpacing(3)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
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
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_MS)
        self._recheck_timer.timeout.connect(self._recheck_if_shown)
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
        self.enter_keys.watch(self.findChildren(QWidget))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)  # disconnected by Qt when the wizard goes

        start = 0
        if draft_id is not None:
            start = self._restore(draft_id)
        self._opening = True
        self._show_page(start)
        self._opening = False

    def _on_page_built(self, index: int, page: WizardPage) -> None:
        """Put the page in place of its stand-in, restore its part of the draft, and listen to it."""
        shown = self.stack.currentIndex()
        stand_in = self.stack.widget(index)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self.stack.insertWidget(index, page)
        self.stack.setCurrentIndex(shown)
        if self._pending:
            page.load(self._pending)
        page.changed.connect(self._on_page_changed)
        self.enter_keys.watch([page, *page.findChildren(QWidget)])
        for grid in page.findChildren(Grid):
            grid.table.cell_left.connect(lambda _row, _column, g=grid: self._on_spot_left(g.table))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:  # on screen: build the other pages, one per turn of the event loop
            self._painted = True
            QTimer.singleShot(0, self._build_more)

    def _build_more(self) -> None:
        if not self.isVisible():
            return  # closed before it was all built: nothing more to build
        if self.pages.build_next():
            QTimer.singleShot(0, self._build_more)
        elif not self.checks.checked and self.checks.left_pages:
            self.recheck()  # a restored draft: its pages get their marks

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
        wizard = cls(centre.admissions, centre.drafts, actor, events, parent, draft_id, centre.lodging)
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
        """Leave the page shown (its problems appear under its fields) and show page `index`."""
        if index == self.stack.currentIndex():
            return
        self.checks.left_page(self.stack.currentIndex())
        if self._dirty:
            self.save_draft()
        self._show_page(index)

    def _on_section_chosen(self, row: int) -> None:
        if row >= 0:
            self.go_to(row)

    def _show_page(self, index: int) -> None:
        page = self.pages[index]
        self.stack.setCurrentIndex(index)
        if self._opening:  # only this page exists yet; what it depends on is in the draft, if any
            page.refresh(self._pending)
            self._update_sections()
        else:
            self.recheck()  # refreshes every page but the review, whose matches are looked up only when shown
            if isinstance(page, ReviewPage):
                page.refresh(self.payload())
        self.heading.setText(f"{index + 1}. {_(page.title)}")
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(index < len(self.pages) - 1)
        self.save_button.setVisible(index == len(self.pages) - 1)
        self._focus_first()

    def _focus_first(self) -> None:
        page = self.current_page()
        first = self.save_button if isinstance(page, ReviewPage) else page.first_field()
        if isinstance(page, ReviewPage) and page.problems.links:
            first = page.problems.links[0]
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_first)

    def _update_sections(self) -> None:
        self.sections.blockSignals(True)
        self.checks.fill_sections(self.sections, [_(title) for title in PAGE_TITLES], self.stack.currentIndex())
        self.sections.blockSignals(False)

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

    # -- errors as you go ------------------------------------------------------------------------------------------

    def _spot_of(self, widget: QWidget) -> ErrorSpot | None:
        for _index, page in self.pages.built():
            if page.isAncestorOf(widget):
                return page.spot_of(widget)
        return None

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """A field was left (the focus went outside its box): check it once the focus has settled."""
        if old is None or not self.isAncestorOf(old):
            return
        spot = self._spot_of(old)
        if spot is not None and (new is None or self._spot_of(new) is not spot):
            self._on_spot_left(old)

    def _on_spot_left(self, widget: QWidget) -> None:
        spot = self._spot_of(widget)
        if spot is not None:
            self.checks.left_spot(spot)
            QTimer.singleShot(0, self._recheck_if_shown)

    def _recheck_if_shown(self) -> None:
        if self.isVisible():  # closed meanwhile: nothing to show any more
            self.recheck()

    def recheck(self) -> list[tuple[str, str]]:
        """Check everything typed; show the problems where the user has been; refresh what depends on other pages
        (the rows and hints that follow the age)."""
        self._recheck_timer.stop()
        payload = self.payload()
        self.checks.check(payload)
        self._show_checks(payload)
        return self.checks.problems

    def _show_checks(self, payload: Payload) -> None:
        self.checks.show()
        for _index, page in self.pages.built():
            if isinstance(page, ReviewPage):
                page.problems.show_problems(self.checks.lines())
                self.enter_keys.watch(list(page.problems.links))  # Ctrl+Enter on a link still saves
            else:
                page.refresh(payload)
        self._update_sections()

    def jump_to(self, field: str) -> None:
        """Show the page of `field` and put the cursor in it (a grid: in the cell of the row named)."""
        found = self.checks.spot_for(field)
        if found is None:
            return
        index, spot = found
        self.go_to(index)
        page = self.pages[index]
        if spot is None:
            return
        target = spot.focus_target()
        if isinstance(target, SheetView):
            grid = target.parentWidget()
            if isinstance(grid, Grid):
                grid.select_cell(field)
        page.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the draft -------------------------------------------------------------------------------------------------

    def payload(self) -> Payload:
        merged: Payload = {}
        for page in self.pages:
            merged.update(page.values())
        merged["page"] = self.stack.currentIndex()
        return merged

    def _on_page_changed(self) -> None:
        self._dirty = True
        if self.isVisible():  # not a field tidied up as the window closes: nothing to save or check later
            self._autosave.start()
            self._recheck_timer.start()

    def _restore(self, draft_id: int) -> int:
        """Load a draft (its pages get it as they are built); the page to show first."""
        try:
            self._draft, self._pending = self._drafts.load(self._actor, draft_id)
        except UserError as exc:
            show_error(self, exc)
            return 0
        self.draft_state.setText(_("Draft of {when}").format(when=format_datetime(self._draft.updated_at)))
        page_index = self._pending.get("page")
        if isinstance(page_index, int) and 0 <= page_index < len(self.pages):
            self.checks.left_pages.update(range(page_index))
            return page_index
        return 0

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

    def save(self) -> AdmissionRow | None:
        if self._saving:
            return None
        self._saving = True
        try:
            return self._save()
        finally:
            self._saving = False

    def _save(self) -> AdmissionRow | None:
        payload = self.payload()
        problems = self.checks.check(payload)
        if problems:
            self.show_all_problems(problems)
            return None
        try:
            row = self._admissions.admit(self._actor, to_input(payload))
        except ValidationErrors as exc:
            self.show_all_problems(list(exc.problems))
            return None
        except ValidationError as exc:
            self.show_all_problems([(exc.field, exc.message)])
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

    def show_all_problems(self, problems: list[tuple[str, str]]) -> None:
        """Save refused: every problem at once, under its field on every page and as links on the review page,
        which is shown (nothing typed is lost, nothing jumps from page to page)."""
        log.info("admission not saved: %d problem(s)", len(problems))
        review = len(self.pages) - 1
        if self.stack.currentIndex() != review:
            self.go_to(review)
        payload = self.payload()
        self.pages[review].refresh(payload)  # the summary as it is now
        self.checks.left_everything()
        self.checks.set_problems(problems)
        self._show_checks(payload)
        self._focus_first()

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

    def done(self, result: int) -> None:
        super().done(result)
        self._autosave.stop()  # fields tidied up as the window went (a name completed…) are not edits to save
        self._recheck_timer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() == QDialog.DialogCode.Accepted or not self.isVisible():
            event.accept()
            return
        event.ignore()
        self.reject()
