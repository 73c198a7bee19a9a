"""What the census's buttons do: presence, leave, return (today, EDIT on LODGING) and the roll-call sheet
(PRINT on LODGING), each one service call; mixed into CensusView."""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPushButton, QWidget

from centre_desk.errors import Conflict, UserError
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import Census, CensusRow
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.census_dialogs import PresenceDialog, confirm_return
from centre_desk.ui.lodging.leave_dialog import LeaveDialog
from centre_desk.ui.tasks import run_task

log = logging.getLogger(__name__)


def weakly(method: Callable[..., None]) -> Callable[[Any], None]:
    """A run_task callback that does not keep a closed screen alive (as the registry's)."""
    ref = weakref.WeakMethod(method)

    def call(result: Any) -> None:
        bound = ref()
        if bound is not None:
            bound(result)

    return call


def roll_call_file_name(day: date) -> str:
    return f"danh-sach-diem-danh-{day:%Y-%m-%d}.pdf"  # ASCII: it travels by USB stick and e-mail


class CensusActions(QWidget):
    """The actions of the census view (its widgets and reading are in census.py)."""

    _service: LodgingService
    _actor: Actor
    _events: AppEvents | None
    _clock: Callable[[], datetime]
    _printing: bool
    census: Census | None
    can_print: bool
    presence_button: QPushButton
    leave_button: QPushButton
    return_button: QPushButton
    print_button: QPushButton

    if TYPE_CHECKING:  # given by the view this mixes into (CensusView)

        def refresh(self, force: bool = True) -> None: ...

        def selected_row(self) -> CensusRow | None: ...

        def _update_actions(self) -> None: ...

    def _changed(self, resident_id: int) -> None:
        """After a write: tell the other screens, this one included, which reads the census again (the row stays
        selected)."""
        if self._events is not None:
            self._events.data_changed.emit("lodging")
        else:
            self.refresh()
        log.info("census: resident %s changed", resident_id)

    def change_presence(self) -> None:
        row = self.selected_row()
        if row is None or not self.presence_button.isEnabled():
            return
        service, actor, rid = self._service, self._actor, row.resident_id
        if PresenceDialog.ask(self, row.label, row.presence, lambda s, note: service.set_presence(actor, rid, s, note)):
            self._changed(rid)

    def grant_leave(self) -> None:
        row = self.selected_row()
        if row is None or not self.leave_button.isEnabled():
            return
        service, actor = self._service, self._actor
        granted = LeaveDialog.ask(
            self, row.resident_id, row.label, self._clock(), lambda data: service.grant_leave(actor, data)
        )
        if granted is not None:
            self._changed(row.resident_id)

    def record_return(self) -> None:
        row = self.selected_row()
        if row is None or row.leave is None or not self.return_button.isEnabled():
            return
        if not confirm_return(self, row.label):
            return
        try:
            self._service.record_return(self._actor, row.leave.id, row.leave.version)
        except Conflict as exc:  # recorded by someone else meanwhile: say so, then show what is stored
            show_error(self, exc)
            self._changed(row.resident_id)
            return
        except UserError as exc:
            show_error(self, exc)
            return
        self._changed(row.resident_id)

    # -- the roll-call sheet ----------------------------------------------------------------------------------------

    def print_roll_call(self) -> None:
        if self.census is None or self._printing or not self.can_print:
            return
        day, service, actor = self.census.day, self._service, self._actor
        self._printing = True
        self._update_actions()
        self.print_button.setText(_("Preparing the sheet…"))
        run_task(
            self, lambda: (day, service.roll_call_pdf(actor, day)), weakly(self._on_sheet), weakly(self._on_no_sheet)
        )

    def _sheet_done(self) -> None:
        self._printing = False
        self.print_button.setText(_("&Print the roll-call sheet…"))
        self._update_actions()

    def _on_sheet(self, result: tuple[date, bytes]) -> None:
        self._sheet_done()
        day, pdf = result
        title = _("Night roll-call sheet, {date}").format(date=format_date(day))
        DocumentPreviewDialog.show_document(self.window(), title, pdf, roll_call_file_name(day))

    def _on_no_sheet(self, exc: BaseException) -> None:
        self._sheet_done()
        show_error(self, exc)
