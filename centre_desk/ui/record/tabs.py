"""Tab frames: an editable tab (read-only view, Edit → Save / Cancel) and the calm placeholder of later tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from centre_desk.i18n import _
from centre_desk.ui.administration.users.form_parts import hint_label
from centre_desk.ui.record.fields import GroupedForm

BAR_STYLE = "#editBar { background: #f1f4f8; border-bottom: 1px solid #d5dbe3; }"
EDITING_BAR_STYLE = "#editBar { background: #fff6d8; border-bottom: 1px solid #e0c36a; }"


FormFactory = Callable[[QWidget], GroupedForm]


class EditableTab(QWidget):
    """A form under an Edit / Save / Cancel bar. The form is made by `make_form(parent)` when the tab is
    first shown or asked for its form, right inside its final parent: a record window opens faster when
    the tabs nobody looks at stay unbuilt and nothing is moved (and restyled) after it is built."""

    edit_requested = Signal()
    save_requested = Signal()
    cancel_requested = Signal()
    form_built = Signal()  # the form now exists; fill it

    def __init__(self, make_form: FormFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_form = make_form
        self._form: GroupedForm | None = None
        self._editing_style: bool | None = None
        self.bar = QFrame()
        self.bar.setObjectName("editBar")
        self.mode_label = QLabel()
        self.edit_button = QPushButton(_("&Edit"))
        self.edit_button.setToolTip(_("Edit this part of the record (Ctrl+E)"))
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setToolTip(_("Save the changes (Ctrl+S)"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setToolTip(_("Drop the changes (Esc)"))
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(12, 6, 12, 6)
        bar.addWidget(self.mode_label, 1)
        for button in (self.edit_button, self.save_button, self.cancel_button):
            bar.addWidget(button)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self._body_layout = QVBoxLayout(self.body)
        self._body_layout.setContentsMargins(12, 8, 12, 12)
        self._body_layout.addStretch(1)
        self.scroll_area.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.scroll_area, 1)
        self.edit_button.clicked.connect(self.edit_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.set_mode(editing=False, can_edit=False)

    @property
    def is_built(self) -> bool:
        return self._form is not None

    @property
    def form(self) -> GroupedForm:
        if self._form is None:
            self._form = self._make_form(self.body)
            self._body_layout.insertWidget(0, self._form)
            self.form_built.emit()
        return self._form

    def add_below(self, widget: QWidget) -> None:
        """A part shown under the form (e.g. the consents under the profile)."""
        self._body_layout.insertWidget(self._body_layout.count() - 1, widget)

    def showEvent(self, event: QShowEvent) -> None:
        if self._form is None:
            self.form.show()  # build it now, as it comes into view
        super().showEvent(event)

    def set_mode(self, *, editing: bool, can_edit: bool, other_editing: bool = False) -> None:
        self.edit_button.setVisible(can_edit and not editing)
        self.edit_button.setEnabled(not other_editing)
        self.save_button.setVisible(editing)
        self.cancel_button.setVisible(editing)
        self.save_button.setDefault(editing)
        if self._editing_style is not editing:  # a style sheet is costly to apply: only when it changes
            self._editing_style = editing
            self.bar.setStyleSheet(EDITING_BAR_STYLE if editing else BAR_STYLE)
        if editing:
            text = _("Editing: change what is wrong, then Save (Ctrl+S) or Cancel (Esc).")
        elif can_edit:
            text = _("Read-only view. Press Edit (Ctrl+E) to correct the record.")
        else:
            text = _("Read-only view.")
        self.mode_label.setText(text)


class LaterTab(QWidget):
    """A part of the file the program does not record yet: present, empty, and plain about it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSize(font.pointSize() + 3)
        heading.setFont(font)
        heading.setStyleSheet("color: #555555;")
        note = hint_label(_("The program does not record this part of the file yet: keep it on paper meanwhile."))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(note, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
