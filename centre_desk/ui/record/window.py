"""The record window of one resident: header, Profile and Admission tabs (view, edit, conflict), the Phòng ở
tab (with a lodging service), later tabs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from centre_desk.errors import Conflict, NotFound, PermissionDenied, UserError, ValidationError
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.entries.kinds import tabs as entry_tabs
from centre_desk.services.lodging.dto import ResidentLodging
from centre_desk.services.residents import ResidentRecord, ResidentService
from centre_desk.ui.discharge.record import LEAVING_TAB, ClosedBanner, discharge_tab
from centre_desk.ui.entries.panel import EntryPanel
from centre_desk.ui.entries.tab import EntriesTab, ExtraPanel, PrintPaper
from centre_desk.ui.entries.timeline import TimelineTab
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record.conflict import ConflictChoice, ConflictDialog, differences
from centre_desk.ui.record.consents import ConsentsPanel
from centre_desk.ui.record.header import RecordHeader
from centre_desk.ui.record.keep_apart_dialog import SearchResidents
from centre_desk.ui.record.lodging_tab import ChooseBed, LodgingTab
from centre_desk.ui.record.profile_form import ProfileForm
from centre_desk.ui.record.stay_form import StayForm
from centre_desk.ui.record.tabs import EditableTab, LaterTab
from centre_desk.ui.widgets.window_fit import fit_window

if TYPE_CHECKING:
    from centre_desk.services.discharge.service import DischargeService
    from centre_desk.services.entries import EntryService
    from centre_desk.services.lodging import LodgingService

log = logging.getLogger(__name__)

RESIDENT_KIND = "resident"
LODGING_KIND = "lodging"  # a bed, presence, leave, keep-apart link or extension changed
ENTRY_KIND = "entries"  # a dated entry was written (health, …)
HEALTH_TAB, HEALTH_CHECK = "health", "health_check"
REFRESH_KINDS = frozenset({"resident", "admission", "consent"})
DOCUMENTS = {
    "admission-record": N_("Admission record (Biên bản tiếp nhận)"),
    "admission-decision": N_("Admission decision (Quyết định tiếp nhận)"),
    "belongings-receipt": N_("Receipt for belongings (Biên nhận tài sản)"),
}
LODGING_TAB = N_("Room")
LATER_TABS = (
    N_("Medical care"),
    N_("Counselling"),
    N_("Legal aid"),
    N_("Schooling and training"),
    N_("Support payments"),
    N_("Leaving the centre"),
    N_("Follow-up after reintegration"),
)
PrintDocument = Callable[[str], None]


class RecordWindow(QMainWindow):
    record_saved = Signal(object)  # the ResidentRecord after a successful save

    def __init__(
        self,
        residents: ResidentService,
        actor: Actor,
        events: AppEvents,
        resident_id: int,
        parent: QWidget | None = None,
        print_document: PrintDocument | None = None,
        *,
        lodging: LodgingService | None = None,
        choose_bed: ChooseBed | None = None,
        search_residents: SearchResidents | None = None,
        entries: EntryService | None = None,
        entry_extras: Mapping[str, ExtraPanel] | None = None,
        print_paper: PrintPaper | None = None,
        discharge: DischargeService | None = None,
    ) -> None:
        """`lodging` gives the Phòng ở tab and the stay-limit badge (without it the tab is a placeholder);
        `choose_bed(resident_id)` opens the bed chooser (no Move button without it); `search_residents(text)`
        finds the residents in the centre for a keep-apart link; `entries` gives the tabs of dated entries
        (Health, …) and the Timeline, `entry_extras` the extra panels their kinds name (e.g. the charts); `discharge`
        the Leaving the centre tab (its papers: `discharge_tab.set_print_menu`)."""
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._residents = residents
        self._actor = actor
        self._events = events
        self.resident_id = resident_id
        self._print_document = print_document
        self._lodging = lodging if lodging is not None and actor.can(Action.VIEW, FieldGroup.LODGING) else None
        self._record: ResidentRecord | None = None
        self._editing: EditableTab | None = None
        self._emitting = False
        fit_window(self, QSize(1280, 800), "recordWindow")

        self.header = RecordHeader()
        self.closed_banner = ClosedBanner()
        self.tabs = QTabWidget()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.closed_banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        # The parts are made inside their final parents: moving a built form restyles all of it.
        self.profile_tab = EditableTab(ProfileForm)
        self.stay_tab = EditableTab(StayForm)  # built when first shown: the window opens on the Profile tab
        self.stay_tab.form_built.connect(self._on_stay_tab_form_built)
        self.tabs.addTab(self.profile_tab, _("Profile"))
        self.tabs.addTab(self.stay_tab, _("Admission"))
        self.lodging_tab: LodgingTab | None = None
        if self._lodging is not None:
            self.lodging_tab = LodgingTab(
                self._lodging, actor, resident_id, choose_bed=choose_bed, search_residents=search_residents
            )
            self.lodging_tab.loaded.connect(self._on_lodging_tab_loaded)
            self.lodging_tab.changed.connect(self._on_lodging_tab_changed)
            self.tabs.addTab(self.lodging_tab, _(LODGING_TAB))
        elif lodging is None:
            self.tabs.addTab(LaterTab(_(LODGING_TAB)), _(LODGING_TAB))
        self.entry_tabs: list[EntriesTab] = []
        self.timeline_tab: TimelineTab | None = None
        if entries is not None:
            self._add_entry_tabs(entries, actor, entry_extras or {}, print_paper)
        built = {tab.title for tab in entry_tabs()} if entries is not None else set()
        self.discharge_tab = discharge_tab(discharge, actor, resident_id)
        if self.discharge_tab is not None:
            self.discharge_tab.changed.connect(self._on_discharge_changed)
        for title in LATER_TABS:
            if title == LEAVING_TAB and self.discharge_tab is not None:
                self.tabs.addTab(self.discharge_tab, _(title))
            elif title not in built:  # a capability not built yet: its placeholder (none for a built one)
                self.tabs.addTab(LaterTab(_(title)), _(title))
        self._order_tabs()
        profile_form = self.profile_tab.form
        assert isinstance(profile_form, ProfileForm)
        self.profile_form = profile_form
        self.consents = ConsentsPanel(residents, actor, self.profile_tab.body)
        self.profile_tab.add_below(self.consents)

        self.edit_action = QAction(_("&Edit"), self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.save_action = QAction(_("&Save"), self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.cancel_action = QAction(_("&Cancel editing"), self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.close_action = QAction(_("C&lose"), self)
        self.close_action.setShortcut(QKeySequence("Ctrl+W"))
        record_menu = self.menuBar().addMenu(_("&Record"))
        for action in (self.edit_action, self.save_action, self.cancel_action):
            record_menu.addAction(action)
            self.addAction(action)  # shortcuts work wherever the focus is in this window
        record_menu.addSeparator()
        record_menu.addAction(self.close_action)
        self.document_actions: dict[str, QAction] = {}
        self.documents_button: QPushButton | None = None
        if print_document is not None and actor.can(Action.PRINT, FieldGroup.IDENTITY):
            self._build_documents(print_document)

        self.edit_action.triggered.connect(self._on_edit_action_triggered)
        self.save_action.triggered.connect(self._on_save_action_triggered)
        self.cancel_action.triggered.connect(self._on_cancel_action_triggered)
        self.close_action.triggered.connect(self.close)
        for tab in (self.profile_tab, self.stay_tab):
            tab.edit_requested.connect(lambda t=tab: self.start_edit(t))
            tab.save_requested.connect(self.save)
            tab.cancel_requested.connect(self.cancel_edit)
        self.consents.record_changed.connect(self._on_consents_record_changed)
        events.data_changed.connect(self._on_events_data_changed)
        self.reload()

    def _add_entry_tabs(self, entries: EntryService, actor: Actor, extras: Mapping[str, ExtraPanel],
                        print_paper: PrintPaper | None) -> None:  # fmt: skip
        visible = {k.tab for k in entries.kinds_for(actor)}
        for tab in entry_tabs():
            if tab.code in visible:
                widget = EntriesTab(entries, actor, tab, self.resident_id, extras, print_paper=print_paper)
                widget.changed.connect(self._on_entry_written)
                self.entry_tabs.append(widget)
                self.tabs.addTab(widget, _(tab.title))
        self.timeline_tab = TimelineTab(entries, actor, self.resident_id)
        self.tabs.addTab(self.timeline_tab, _("Timeline"))

    def _order_tabs(self) -> None:
        """The stay's course: … Leaving the centre, then Follow-up after reintegration; the Timeline last."""
        bar = self.tabs.tabBar()
        follow_up = next((t for t in self.entry_tabs if t.record_tab.after_discharge), None)
        if self.discharge_tab is not None and follow_up is not None:
            bar.moveTab(self.tabs.indexOf(self.discharge_tab), self.tabs.indexOf(follow_up))
        if self.timeline_tab is not None:
            bar.moveTab(self.tabs.indexOf(self.timeline_tab), self.tabs.count() - 1)

    def offer_health_check(self) -> None:
        """Right after an admission: the Medical care tab on the intake health check, its form open (Law
        53/2024: a health check on arrival), for a user who may write it."""
        tab = next((t for t in self.entry_tabs if t.record_tab.code == HEALTH_TAB), None)
        if tab is None or HEALTH_CHECK not in tab.codes or not self._actor.can(Action.CREATE, FieldGroup.HEALTH):
            return
        self.tabs.setCurrentWidget(tab)
        panel = tab.show_page(HEALTH_CHECK)
        if isinstance(panel, EntryPanel):
            QTimer.singleShot(0, panel.new_entry)  # once the window is shown

    def show_entry_tab(self, code: str) -> None:
        """Bring a tab of dated entries forward (the follow-up working list opens the record on its tab)."""
        tab = next((t for t in self.entry_tabs if t.record_tab.code == code), None)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)

    # --- showing ---------------------------------------------------------------------------------

    @property
    def record(self) -> ResidentRecord | None:
        return self._record

    @property
    def stay_form(self) -> StayForm:
        form = self.stay_tab.form
        assert isinstance(form, StayForm)
        return form

    @property
    def editing(self) -> bool:
        return self._editing is not None

    def reload(self) -> None:
        """Read the record again (one audited view) and show it; closes if it is gone or not allowed."""
        try:
            record = self._residents.record(self._actor, self.resident_id)
        except (NotFound, PermissionDenied) as exc:
            show_error(self, exc)
            self.close()
            return
        self._show(record)
        self.load_stay_clock()

    def load_stay_clock(self) -> None:
        """The header's stay-limit badge (service.stay_clock: two small queries, not audited)."""
        if self._lodging is None:
            return
        try:
            clock = self._lodging.stay_clock(self._actor, self.resident_id)
        except UserError as exc:
            log.warning("stay clock of resident %s not read: %s", self.resident_id, type(exc).__name__)
            clock = None
        self.header.set_stay_clock(clock)

    def _show(self, record: ResidentRecord) -> None:
        self._record = record
        self.setWindowTitle(f"{record.display_name} – {record.code}")
        self.header.load(record)
        self.profile_form.apply_access(record.visible)
        if self._editing is not self.profile_tab:
            self.profile_form.load(record.person)
        if self.stay_tab.is_built:
            self.stay_form.apply_access(record.visible)
            if self._editing is not self.stay_tab:
                self.stay_form.load(record.stay, record.entitlements)
        self.consents.load(record)
        self.closed_banner.show_for(record.discharged_at)
        for tab in self.entry_tabs:
            tab.set_read_only(record.discharged_at is not None and not tab.record_tab.after_discharge)
        self._update_modes()

    def can_edit(self, tab: EditableTab) -> bool:
        if self._record is None or self._record.discharged_at is not None:  # she left: read-only
            return False
        group = FieldGroup.IDENTITY if tab is self.profile_tab else FieldGroup.PLACEMENT
        return group in self._record.editable

    def _update_modes(self) -> None:
        editable = self._record.editable if self._record else frozenset()
        for tab in (self.profile_tab, self.stay_tab):
            editing = self._editing is tab
            if tab.is_built:
                tab.form.set_editing(editing, editable)
            tab.set_mode(editing=editing, can_edit=self.can_edit(tab), other_editing=self.editing and not editing)
        self.save_action.setEnabled(self.editing)
        self.cancel_action.setEnabled(self.editing)
        self.edit_action.setEnabled(not self.editing)
        self.consents.setEnabled(not self.editing and self._record is not None and self._record.discharged_at is None)

    # --- editing ---------------------------------------------------------------------------------

    def current_editable_tab(self) -> EditableTab | None:
        current = self.tabs.currentWidget()
        return current if isinstance(current, EditableTab) else None

    def start_edit(self, tab: EditableTab | None = None) -> None:
        tab = tab or self.current_editable_tab()
        if tab is None or self.editing or not self.can_edit(tab):
            return
        self._editing = tab
        self.tabs.setCurrentWidget(tab)
        self._update_modes()
        first = tab.form.first_editable()
        if first is not None:
            first.setFocus()

    def cancel_edit(self) -> None:
        if self._editing is None or self._record is None:
            return
        self._editing = None
        self._show(self._record)

    def save(self) -> None:
        """One service call; a refused field is shown beside it and nothing typed is lost."""
        tab, record = self._editing, self._record
        if tab is None or record is None:
            return
        tab.form.errors.clear()
        try:
            if tab is self.profile_tab:
                person = self.profile_form.value()
                attempted: object = person
                saved = self._residents.update_person(self._actor, record.resident_id, record.resident_version, person)
            else:
                stay = self.stay_form.value()
                attempted = stay
                saved = self._residents.update_stay(self._actor, record.admission_id, record.admission_version, stay)
        except ValidationError as exc:
            tab.form.show_error(exc)
            return
        except Conflict as exc:
            self._on_conflict(tab, exc, attempted)
            return
        except UserError as exc:
            show_error(self, exc)
            return
        log.info("resident %s saved (%s)", record.resident_id, "profile" if tab is self.profile_tab else "admission")
        self._editing = None
        self._show(saved)
        self.record_saved.emit(saved)
        self._emit_changed()

    def _on_conflict(self, tab: EditableTab, exc: Conflict, attempted: object) -> None:
        current = exc.current if isinstance(exc.current, ResidentRecord) else None
        if current is None:
            current = self._residents.record(self._actor, self.resident_id)
        stored = current.person if tab is self.profile_tab else current.stay
        rows = differences(stored, attempted, tab.form.labels)
        choice = ConflictDialog.ask(self, rows)
        if choice is ConflictChoice.RELOAD:
            self._editing = None
            self._show(current)
            return
        if tab is self.profile_tab:
            self.profile_form.rebase(current.person)
        else:
            self.stay_form.rebase(current.stay)
        self._show(current)  # the edited form keeps the input; header and the other tab show the stored record
        tab.form.errors.show_message("", _("Your input is kept. Saving again replaces the values saved meanwhile."))

    def _emit_changed(self, kind: str = RESIDENT_KIND) -> None:
        self._emitting = True
        try:
            self._events.data_changed.emit(kind)
        finally:
            self._emitting = False

    def _on_entry_written(self, _row: object) -> None:
        if self.timeline_tab is not None and self.timeline_tab.loaded:
            self.timeline_tab.reload()
        self._emit_changed(ENTRY_KIND)

    # --- slots ------------------------------------------------------------------------------------

    def _on_edit_action_triggered(self) -> None:
        self.start_edit()

    def _on_save_action_triggered(self) -> None:
        self.save()

    def _on_cancel_action_triggered(self) -> None:
        self.cancel_edit()

    def _on_stay_tab_form_built(self) -> None:
        """The Admission tab's form was just built: show the record in it, read-only or editable."""
        if self._record is not None:
            self.stay_form.apply_access(self._record.visible)
            self.stay_form.load(self._record.stay, self._record.entitlements)
        self._update_modes()

    def _on_consents_record_changed(self, record: ResidentRecord) -> None:
        self._show(record)
        self._emit_changed()

    def _on_events_data_changed(self, kind: str) -> None:
        if self._emitting:
            return
        if kind in REFRESH_KINDS and not self.editing:
            self.reload()
        if kind == ENTRY_KIND:
            for tab in self.entry_tabs:
                tab.reload()
        timeline = self.timeline_tab
        if (kind in (ENTRY_KIND, LODGING_KIND) or kind in REFRESH_KINDS) and timeline is not None and timeline.loaded:
            timeline.reload()
        if kind in REFRESH_KINDS or kind == LODGING_KIND:
            if self.lodging_tab is not None and (self.lodging_tab.is_loaded or self.lodging_tab.loading):
                self.lodging_tab.reload()  # its `loaded` sets the header's badge too
            elif kind == LODGING_KIND:
                self.load_stay_clock()

    def _on_discharge_changed(self) -> None:
        """Approved or reopened: her record is read again (read-only or not), the bed and census pages too."""
        self.reload()
        if self.lodging_tab is not None and self.lodging_tab.is_loaded:
            self.lodging_tab.reload()
        self._on_lodging_tab_changed()

    def _on_lodging_tab_loaded(self, data: ResidentLodging) -> None:
        self.header.set_stay_clock(data.clock)

    def _on_lodging_tab_changed(self) -> None:
        self._emitting = True
        try:
            self._events.data_changed.emit(LODGING_KIND)
        finally:
            self._emitting = False

    def _build_documents(self, print_document: PrintDocument) -> None:
        menu = self.menuBar().addMenu(_("&Documents"))
        button_menu = QMenu(self)
        for kind, title in DOCUMENTS.items():
            action = QAction(_(title), self)
            action.triggered.connect(lambda _checked=False, k=kind: print_document(k))
            menu.addAction(action)
            button_menu.addAction(action)
            self.document_actions[kind] = action
        self.documents_button = QPushButton(_("Documents…"))
        self.documents_button.setMenu(button_menu)
        self.header.side.addWidget(self.documents_button, 0, Qt.AlignmentFlag.AlignRight)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editing:
            answer = QMessageBox.question(
                self,
                _("Unsaved changes"),
                _("You have not saved your changes to this record. Close and drop them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        event.accept()
