"""The care plan's page in the record's Care plan tab (after the needs assessments): the version shown — the one
being decided, or the one in force — its status, the manager's comment when it came back, the objectives and the
actions, its history; and the buttons of each step: write (a new plan or the next version), change the draft,
submit, approve or return (the manager), the progress of an action, an earlier version to compare."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_date, format_datetime
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.care_plan.dto import ActionRow, CarePlanState, PlanInput, PlanView
from centre_desk.services.care_plan.service import CarePlanService
from centre_desk.services.care_plan.terms import PlanStatus
from centre_desk.ui.care_plan.editor import PlanDialog, ProgressDialog
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.entries.tab import ExtraPanel
from centre_desk.ui.errors import show_error
from centre_desk.ui.widgets.loading_panel import LoadingPanel
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

RED, GREEN, AMBER = "#b00020", "#1e7e34", "#8a5a00"
STATUS_COLOURS = {PlanStatus.APPROVED: GREEN, PlanStatus.SUBMITTED: AMBER, PlanStatus.RETURNED: RED}


def _target(a: ActionRow) -> str:
    return (format_date(a.target_on) if a.target_on else "") + (" ⚠" if a.late else "")


def _columns() -> list[Column[ActionRow]]:
    return [
        Column(_("Support"), lambda a: f"{a.category.letter}) {a.category.name}"),
        Column(_("Action"), lambda a: a.action),
        Column(_("Responsible"), lambda a: a.responsible),
        Column(
            _("Target date"), lambda a: (format_date(a.target_on) if a.target_on else "") + (" ⚠" if a.late else "")
        ),
        Column(_("Status"), lambda a: a.status_name),
        Column(_("Note"), lambda a: a.note),
    ]


class CarePlanPanel(LoadingPanel):
    changed = Signal()

    def __init__(self, plans: CarePlanService, actor: Actor, resident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carePlanPanel")
        self.plans, self.actor, self.resident_id = plans, actor, resident_id
        self.state: CarePlanState | None = None
        self.shown: PlanView | None = None
        self.heading = QLabel(_("Reading…"))
        self.heading.setObjectName("planHeading")
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.comment = QLabel()
        self.comment.setObjectName("returnComment")
        self.comment.setWordWrap(True)
        self.comment.setStyleSheet(f"background: #fdecea; color: {RED}; padding: 6px; border-radius: 3px;")
        self.objectives = QLabel()
        self.objectives.setObjectName("objectives")
        self.objectives.setWordWrap(True)
        self.objectives.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.versions = QComboBox()
        self.versions.setObjectName("versions")
        self.versions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.versions.activated.connect(self._pick_version)
        versions_label = QLabel(_("&Version:"))
        versions_label.setBuddy(self.versions)
        self.model: RowTableModel[ActionRow] = RowTableModel(_columns())
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("planActions")
        self.proxy.sort(-1)  # the plan's own order, not sorted by a column
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(True)
        self.table.doubleClicked.connect(lambda _i: self.record_progress())
        self.history = QListWidget()
        self.history.setObjectName("planHistory")
        history_label = QLabel(_("History of this version"))
        history_label.setStyleSheet("font-weight: bold;")
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for code, text, slot in (
            ("write", N_("&New plan"), self.write),
            ("change", N_("C&hange the draft…"), self.change),
            ("submit", N_("Su&bmit for approval"), self.submit),
            ("approve", N_("&Approve"), self.approve),
            ("return", N_("Re&turn for changes…"), self.return_plan),
            ("progress", N_("Pro&gress of the action…"), self.record_progress),
        ):
            button = QPushButton(_(text))
            button.setObjectName(f"plan_{code}")
            button.clicked.connect(slot)
            button.setVisible(False)
            self.buttons[code] = button
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(versions_label)
        bar.addWidget(self.versions)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(history_label)
        side_layout.addWidget(self.history)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addWidget(self.objectives)
        main_layout.addWidget(self.table, 1)
        split = QSplitter()
        split.addWidget(main)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.comment)
        layout.addWidget(split, 1)
        layout.addLayout(bar)
        self.comment.setVisible(False)

    # ------------------------------------------------------------------------------------ reading

    def read(self) -> CarePlanState:
        return self.plans.state(self.actor, self.resident_id)

    def show_data(self, data: object) -> None:
        assert isinstance(data, CarePlanState)
        self.state = data
        self.versions.clear()
        for brief in data.versions:
            self.versions.addItem(
                _("Version {n} – {status}").format(n=brief.number, status=brief.status_name), brief.id
            )
        self.show_version(data.current)

    def show_version(self, plan: PlanView | None) -> None:
        self.shown = plan
        self.model.set_rows(plan.actions if plan is not None else ())
        self._fit_columns()
        self.history.clear()
        if plan is None:
            self.heading.setText(_("No care plan yet. Assess her needs first, then write the plan."))
            self.objectives.setText("")
            self.comment.setVisible(False)
        else:
            self._show_plan(plan)
        self._update_buttons()

    def _fit_columns(self) -> None:
        """The action's text takes the room left (set after each reset of the model, which resets the header)."""
        header = self.table.horizontalHeader()
        for column, width in enumerate((170, 0, 150, 95, 115, 140)):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

    def _show_plan(self, plan: PlanView) -> None:
        head = _("Version {n} · {status} · {start} – {end}").format(
            n=plan.number, status=plan.status_name, start=format_date(plan.period_from),
            end=format_date(plan.period_to))  # fmt: skip
        if plan.next_review_on is not None:
            review = _("next review {day}").format(day=format_date(plan.next_review_on))
            head += " · " + (_("review past due since {day}").format(day=format_date(plan.next_review_on))
                             if plan.review_overdue else review)  # fmt: skip
        self.heading.setText(head)
        colour = RED if plan.review_overdue else STATUS_COLOURS.get(PlanStatus(plan.status), "")
        self.heading.setStyleSheet(f"font-weight: bold; font-size: 11pt; color: {colour or 'palette(text)'};")
        self.objectives.setText(_("Objectives: {text}").format(text=plan.objectives))
        returned = plan.status == PlanStatus.RETURNED and plan.return_comment
        self.comment.setText(_("Returned by the manager: {comment}").format(comment=plan.return_comment))
        self.comment.setVisible(bool(returned))
        for d in reversed(plan.decisions):
            line = f"{format_datetime(d.at)} · {d.what_name} · {d.by}"
            self.history.addItem(line + (f"\n    {d.comment}" if d.comment and d.what != "progress" else ""))
        index = self.versions.findData(plan.id)
        if index >= 0:
            self.versions.setCurrentIndex(index)

    def _update_buttons(self) -> None:
        state, plan = self.state, self.shown
        newest = state is not None and plan is not None and state.current is not None and plan.id == state.current.id
        status = plan.status if plan is not None else ""
        can_write = state is not None and state.can_write
        can_edit = self.actor.can(Action.EDIT, FieldGroup.CARE_PLAN)
        can_approve = state is not None and state.can_approve
        decided = state is not None and (state.current is None or state.current.status not in
                                         (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED))  # fmt: skip
        self.buttons["write"].setText(_("&New plan") if state is None or state.current is None else _("&New version…"))
        self.buttons["write"].setVisible(can_write and decided)
        self.buttons["change"].setVisible(can_edit and newest and status in (PlanStatus.DRAFT, PlanStatus.RETURNED))
        self.buttons["submit"].setVisible(can_edit and newest and status in (PlanStatus.DRAFT, PlanStatus.RETURNED))
        for code in ("approve", "return"):
            self.buttons[code].setVisible(can_approve and newest and status == PlanStatus.SUBMITTED)
        self.buttons["progress"].setVisible(can_edit and status == PlanStatus.APPROVED and bool(plan and plan.actions))

    def _pick_version(self, index: int) -> None:
        plan_id = self.versions.itemData(index)
        if self.state is None or plan_id is None:
            return
        known = [p for p in (self.state.current, self.state.in_force) if p is not None and p.id == plan_id]
        self.show_version(known[0] if known else self.plans.version(self.actor, int(plan_id)))

    # ------------------------------------------------------------------------------------ actions

    def _after(self, outcome: object) -> None:
        self.changed.emit()
        self.reload()

    def write(self) -> None:
        state = self.state
        if state is None:
            return
        start = state.in_force or state.current  # the next version starts from the plan in force
        title = _("New care plan") if state.current is None else _("New version of the care plan")
        submit: Callable[[PlanInput], object] = partial(self.plans.write, self.actor, self.resident_id)
        self._edit(title, submit, start)

    def change(self) -> None:
        plan = self.shown
        if self.state is None or plan is None:
            return
        self._edit(_("Change the draft"), partial(self.plans.change, self.actor, plan.id, plan.version), plan)

    def _edit(self, title: str, submit: Callable[[PlanInput], object], start: PlanView | None) -> None:
        assert self.state is not None
        dialog = PlanDialog(self, title, self.state.categories, self.state.staff, submit, start)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after(dialog.outcome)

    def submit(self) -> None:
        plan = self.shown
        if plan is not None and self._run(partial(self.plans.submit, self.actor, plan.id, plan.version)):
            self.reload()

    def approve(self) -> None:
        """Approval in force at once and never undone: asked first, with room for a comment."""
        plan = self.shown
        if plan is None:
            return
        dialog = ReasonDialog(
            self, _("Approve the care plan"),
            _("Version {n} comes into force and replaces the plan before it; it is changed afterwards only through "
              "a new version.").format(n=plan.number),
            _("&Comment (may be left empty):"), _("&Approve"),
            partial(self.plans.approve, self.actor, plan.id, plan.version),
        )  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after(dialog.outcome)

    def return_plan(self) -> None:
        plan = self.shown
        if plan is None:
            return
        dialog = ReasonDialog(
            self, _("Return the plan for changes"),
            _("The plan goes back to its writer with your comment, which stays in its history."),
            _("What is to be &changed:"), _("&Return the plan"),
            partial(self.plans.return_plan, self.actor, plan.id, plan.version),
        )  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after(dialog.outcome)

    def record_progress(self) -> None:
        plan, rows = self.shown, self.table.selectionModel().selectedRows()
        if plan is None or plan.status != PlanStatus.APPROVED or not self.buttons["progress"].isVisible():
            return
        action = (
            self.model.row(self.proxy.mapToSource(rows[0]).row())
            if rows
            else (plan.actions[0] if plan.actions else None)
        )
        if action is None:
            return
        dialog = ProgressDialog(
            self, action.action, action.status, action.note,
            lambda value: self.plans.progress(self.actor, action.id, action.version, *value),
        )  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after(dialog.outcome)

    def _run(self, call: Callable[[], object]) -> bool:
        try:
            call()
        except UserError as exc:
            show_error(self, exc)
            self.reload()
            return False
        self.changed.emit()
        return True


def care_plan_extras(plans: CarePlanService) -> dict[str, ExtraPanel]:
    """The panel the care-plan kinds name, for the record window (ResidentsFlow passes it in)."""
    return {"care_plan": (N_("Plan"), lambda actor, rid: CarePlanPanel(plans, actor, rid))}
