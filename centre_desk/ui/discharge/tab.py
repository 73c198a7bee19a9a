"""The record's "Leaving the centre" tab: the request (why, when, the Mẫu 09 application and the deadline of the
decision, red when past), the checklist that gates the approval (Done…, Waive… for the manager), the belongings
handed back against the safekeeping list and the money, the receiving party, and the steps — request, change,
approve (the manager, asked first), cancel, reopen (the manager, with a reason). The papers' menu comes from the
caller (`print_menu`), on the "Print papers" button."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError, ValidationError
from centre_desk.formatting import format_date, format_datetime, format_money
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.discharge.dto import DischargeInput, DischargeState, DischargeView
from centre_desk.services.discharge.service import DischargeService
from centre_desk.services.discharge.terms import REASONS, STATES, State
from centre_desk.ui.discharge.parts import BelongingsTable, ChecklistTable
from centre_desk.ui.discharge.request_dialog import RequestDialog
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.errors import show_error
from centre_desk.ui.widgets.loading_panel import LoadingPanel

RED, GREEN = "#b00020", "#1e7e34"
BUTTONS = (
    ("request", N_("&New request…")), ("change", N_("C&hange the request…")), ("approve", N_("Appro&ve…")),
    ("cancel", N_("Cancel the re&quest…")), ("reopen", N_("Reo&pen…")),
)  # fmt: skip


def deadline_text(d: DischargeView) -> str:
    """ "Decision due: 12/01/2027 — 3 working days left" (late: by how many)."""
    if d.decision_due_on is None or d.working_days_left is None:
        return ""
    due = _("Decision due: {day}").format(day=format_date(d.decision_due_on))
    left = d.working_days_left
    if left < 0:
        return due + " — " + _("late by {n} working days").format(n=-left)
    return due + " — " + _("{n} working days left").format(n=left)


class DischargeTab(LoadingPanel):
    changed = Signal()  # a step was taken: the record window reads her record again (read-only or not)

    def __init__(self, service: DischargeService, actor: Actor, resident_id: int, parent: QWidget | None = None,
                 print_menu: QMenu | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("dischargeTab")
        self.service, self.actor, self.resident_id = service, actor, resident_id
        self.state: DischargeState | None = None
        self.heading = QLabel(_("Reading…"))
        self.heading.setObjectName("dischargeHeading")
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.heading.setWordWrap(True)
        self.deadline = QLabel()
        self.deadline.setObjectName("dischargeDeadline")
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for code, text in BUTTONS:
            button = QPushButton(_(text))
            button.setObjectName(f"discharge_{code}")
            button.clicked.connect(getattr(self, f"{code}_discharge"))
            button.setVisible(False)
            self.buttons[code] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.print_button = QToolButton()
        self.print_button.setObjectName("dischargePrint")
        self.print_button.setText(_("Print pap&ers"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.set_print_menu(print_menu)
        bar.addWidget(self.print_button)

        self.checklist = ChecklistTable()
        self.checklist.doubleClicked.connect(lambda _i: self.item_done())
        self.item_buttons: dict[str, QPushButton] = {}
        items_bar = QHBoxLayout()
        for code, text, slot in (("done", N_("&Done…"), self.item_done), ("waive", N_("&Waive…"), self.item_waive),
                                 ("open", N_("Set back to &open"), self.item_open)):  # fmt: skip
            button = QPushButton(_(text))
            button.setObjectName(f"item_{code}")
            button.clicked.connect(slot)
            self.item_buttons[code] = button
            items_bar.addWidget(button)
        items_bar.addStretch(1)
        self.belongings = BelongingsTable()
        self.money = QLineEdit()
        self.money.setObjectName("moneyReturned")
        self.money_other = QLineEdit()
        self.money_other.setObjectName("moneyOtherReturned")
        self.save_returns = QPushButton(_("Save what was handed &back"))
        self.save_returns.setObjectName("saveReturns")
        self.save_returns.clicked.connect(self.return_belongings)
        self.taken_money = QLabel()
        money_row = QHBoxLayout()
        for label_text, field in ((N_("&Money returned (đ):"), self.money), (N_("O&ther money:"), self.money_other)):
            label = QLabel(_(label_text))
            label.setBuddy(field)
            money_row.addWidget(label)
            money_row.addWidget(field)
        money_row.addWidget(self.taken_money)
        money_row.addStretch(1)
        money_row.addWidget(self.save_returns)
        self.party = QLabel()
        self.party.setObjectName("receivingParty")
        self.party.setWordWrap(True)
        self.party.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.party.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QListWidget()
        self.history.setObjectName("dischargeHistory")
        self.history.setWordWrap(True)

        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addWidget(_bold(_("Checklist before leaving")))
        main_layout.addWidget(self.checklist, 3)
        main_layout.addLayout(items_bar)
        main_layout.addWidget(_bold(_("Belongings handed back (against the safekeeping list)")))
        main_layout.addWidget(self.belongings, 2)
        main_layout.addLayout(money_row)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(_bold(_("Receiving party and hand-over")))
        side_layout.addWidget(self.party, 2)
        side_layout.addWidget(_bold(_("History")))
        side_layout.addWidget(self.history, 1)
        split = QSplitter()
        split.addWidget(main)
        split.addWidget(side)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([880, 440])
        self.body = split
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.deadline)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    def set_print_menu(self, menu: QMenu | None) -> None:
        """The papers' menu (ui/discharge/printing.discharge_print_menu): the button shows only with one."""
        self.print_menu = menu
        self.print_button.setMenu(menu)  # type: ignore[arg-type]
        self.print_button.setVisible(menu is not None)

    # ------------------------------------------------------------------------------------ reading

    def read(self) -> DischargeState:
        return self.service.state(self.actor, self.resident_id)

    def show_data(self, data: object) -> None:
        assert isinstance(data, DischargeState)
        self.state = data
        d = data.current
        self.body.setVisible(d is not None and d.state != State.CANCELLED)
        self.history.clear()
        for h in data.history:
            line = f"{format_datetime(h.at)} · {_(STATES[h.what])} · {h.by}"
            self.history.addItem(line + (f"\n    {h.note}" if h.note else ""))
        if d is None or d.state == State.CANCELLED:
            self.heading.setText(_("She is in the centre: no discharge requested.") if d is None else
                                 _("The last request was cancelled: {why}").format(why=d.decision_note))  # fmt: skip
            self.deadline.setText("")
        else:
            self._show_request(d)
        self._update_buttons()

    def _show_request(self, d: DischargeView) -> None:
        head = _("{state} · {reason} · planned for {day}").format(
            state=_(STATES[d.state]), reason=_(REASONS[d.data.reason]), day=format_date(d.data.planned_on)
        )
        if d.leaves_at is not None and d.state == State.APPROVED:
            head = _("Left the centre on {day} · {reason}").format(
                day=format_datetime(d.leaves_at), reason=_(REASONS[d.data.reason])
            )
        if d.data.application_on is not None:
            head += " · " + _("Mẫu 09 received on {day} from {who}").format(
                day=format_date(d.data.application_on), who=d.data.applicant_name
            )
        self.heading.setText(head)  # fmt: skip
        self.deadline.setText(deadline_text(d))
        self.deadline.setStyleSheet(f"color: {RED if d.late else 'palette(text)'}; font-weight: bold;")
        self.checklist.load(d.checks)
        self.belongings.load(d.belongings, editable=self._open_and_writable())
        self.money.setText(str(d.money_returned_vnd) if d.money_returned_vnd else "")
        self.money_other.setText(d.money_other_returned)
        taken = [format_money(d.money_taken_vnd)] if d.money_taken_vnd else []
        taken += [d.money_other_taken] if d.money_other_taken else []
        self.taken_money.setText(_("taken in: {money}").format(money=", ".join(taken)) if taken else "")
        self.party.setText(party_text(d.data))

    def _open_and_writable(self) -> bool:
        st = self.state
        return st is not None and st.can_write and st.current is not None and st.current.state == State.REQUESTED

    def _update_buttons(self) -> None:
        st = self.state
        d = st.current if st is not None else None
        state = d.state if d is not None else ""
        can_write = st is not None and st.can_write
        can_approve = st is not None and st.can_approve
        can_request = st is not None and st.discharged_at is None and state != State.REQUESTED
        self.buttons["request"].setVisible(can_request and self.actor.can(Action.CREATE, FieldGroup.DISCHARGE))
        self.buttons["change"].setVisible(can_write and state == State.REQUESTED)
        self.buttons["cancel"].setVisible(can_write and state == State.REQUESTED)
        self.buttons["approve"].setVisible(can_approve and state == State.REQUESTED)
        self.buttons["reopen"].setVisible(can_approve and state == State.APPROVED)
        open_request = self._open_and_writable()
        self.item_buttons["done"].setVisible(open_request)
        self.item_buttons["open"].setVisible(open_request)
        self.item_buttons["waive"].setVisible(can_approve and state == State.REQUESTED)
        for widget in (self.save_returns, self.money, self.money_other):
            widget.setEnabled(open_request)

    # ------------------------------------------------------------------------------------ actions

    def _after(self) -> None:
        self.changed.emit()
        self.reload()

    def _ask(self, title: str, intro: str, label: str, confirm: str, submit: Callable[[str], object]) -> None:
        dialog = ReasonDialog(self, title, intro, label, confirm, submit)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after()

    def _edit(self, title: str, submit: Callable[[DischargeInput], object], start: DischargeInput | None) -> None:
        dialog = RequestDialog(self, title, self.service.check, submit, start)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after()

    def request_discharge(self) -> None:
        self._edit(_("Request her discharge"), partial(self.service.request, self.actor, self.resident_id), None)

    def change_discharge(self) -> None:
        d = self._current()
        if d is not None:
            self._edit(_("Change the discharge request"), partial(self.service.change, self.actor, d.id, d.version),
                       d.data)  # fmt: skip

    def approve_discharge(self) -> None:
        d = self._current()
        if d is None:
            return
        self._ask(
            _("Approve the discharge"),
            _("She leaves the centre now: her bed is freed, she leaves the census, the stay-limit clock stops and "
              "her record becomes read-only except for follow-up. Only a manager can reopen it."),
            _("&Note (may be left empty):"), _("&Approve the discharge"),
            lambda note: self.service.approve(self.actor, d.id, d.version, note),
        )  # fmt: skip

    def cancel_discharge(self) -> None:
        d = self._current()
        if d is not None:
            self._ask(_("Cancel the request"), _("The request is kept in her history with your reason."),
                      _("&Why is it cancelled:"), _("Cancel the re&quest"),
                      lambda why: self.service.cancel(self.actor, d.id, d.version, why))  # fmt: skip

    def reopen_discharge(self) -> None:
        d = self._current()
        if d is not None:
            self._ask(_("Reopen the discharge"),
                      _("Her record becomes writable again and she counts as in the centre; her bed is not given "
                        "back: place her again on the Rooms page. The discharge stays in her history."),
                      _("&Why is it reopened:"), _("Reo&pen"),
                      lambda why: self.service.reopen(self.actor, d.id, d.version, why))  # fmt: skip

    def item_done(self) -> None:
        d, row = self._current(), self.checklist.selected()
        if d is None or row is None or not self.item_buttons["done"].isVisible():
            return
        self._ask(_("Done: {item}").format(item=row.label), row.hint or _("Write what was done, if useful."),
                  _("&Note (may be left empty):"), _("&Done"),
                  lambda note: self.service.check_item(self.actor, d.id, row.item, row.version, note))  # fmt: skip

    def item_waive(self) -> None:
        d, row = self._current(), self.checklist.selected()
        if d is None or row is None:
            return
        self._ask(_("Waive: {item}").format(item=row.label), _("The reason is kept on the checklist."),
                  _("&Why is it waived:"), _("&Waive"),
                  lambda why: self.service.waive_item(self.actor, d.id, row.item, row.version, why))  # fmt: skip

    def item_open(self) -> None:
        d, row = self._current(), self.checklist.selected()
        if d is not None and row is not None:
            self._run(lambda: self.service.reopen_item(self.actor, d.id, row.item, row.version))

    def return_belongings(self) -> None:
        d = self._current()
        if d is None:
            return
        try:
            rows = self.belongings.value()
            text = self.money.text().replace(".", "").replace(" ", "").strip()
            if text and not text.isdigit():
                raise ValidationError("money_returned_vnd", _("Type the money returned in whole đồng."))
        except ValidationError as exc:
            show_error(self, exc)
            return
        self._run(lambda: self.service.return_belongings(self.actor, d.id, d.version, rows, int(text or 0),
                                                         self.money_other.text()))  # fmt: skip

    def _current(self) -> DischargeView | None:
        return self.state.current if self.state is not None else None

    def _run(self, call: Callable[[], object]) -> None:
        try:
            call()
        except UserError as exc:
            show_error(self, exc)
            self.reload()
            return
        self._after()


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


def party_text(data: DischargeInput) -> str:
    """The receiving party and the hand-over, as lines ("" parts left out)."""
    lines = []
    if data.family_name:
        lines.append(_("Family: {name} ({relation})").format(name=data.family_name, relation=data.family_relation))
        extra = " · ".join(x for x in (data.family_id_number, data.family_phone, data.family_address) if x)
        if extra:
            lines.append("    " + extra)
    if data.commune_officer:
        lines.append(_("Commune: {name}, {position}, {commune}, {province}").format(
            name=data.commune_officer, position=data.commune_officer_position, commune=data.commune_name,
            province=data.commune_province))  # fmt: skip
    if data.receiving_centre:
        lines.append(_("Receiving facility: {name}, {address}").format(name=data.receiving_centre,
                                                                     address=data.receiving_address))  # fmt: skip
    for label, text in ((N_("Condition on leaving"), data.condition_on_leaving),
                        (N_("Support given"), data.support_given),
                        (N_("Follow-up arrangements"), data.follow_up_arrangements)):  # fmt: skip
        if text:
            lines.append(f"{_(label)}: {text}")
    return "\n".join(lines) or _("Not filled in yet: Change the request.")
