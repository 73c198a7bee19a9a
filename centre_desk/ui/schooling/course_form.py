"""The form of a vocational course taken: the generic form of the kind (services/schooling/kinds.COURSE) with the
catalogue's courses offered in a list instead of the course's number; the trade and the provider follow the choice
(the service copies them from the catalogue again on saving). Registered for the kind in ui/entries/forms.py."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from centre_desk.errors import UserError
from centre_desk.i18n import _
from centre_desk.services.entries.fields import Choices
from centre_desk.services.schooling.kinds import COURSES_LIST
from centre_desk.ui.entries.form import EntryDialog
from centre_desk.ui.entries.forms import FormRequest, KindScreens, register_screens

PICK = "—"
COMBO_CHARACTERS = 40  # a long course name and provider must not widen the form past the screen


class CourseEntryDialog(EntryDialog):
    def __init__(self, request: FormRequest) -> None:
        super().__init__(request.kind, request.actor, request.parent, request.submit, row=request.row)
        try:
            offered: Choices = request.choices(COURSES_LIST)
        except UserError:
            offered = ()
        number, trade, provider = (self.fields[n] for n in ("course_id", "course", "provider"))
        self.course_combo = QComboBox()
        self.course_combo.setObjectName("courseChoice")
        self.course_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.course_combo.setMinimumContentsLength(COMBO_CHARACTERS)
        self.course_combo.addItem(PICK, "")
        for code, text in offered:
            self.course_combo.addItem(text, code)
        current = number.text()
        if current and self.course_combo.findData(current) < 0:  # a retired course the entry names
            self.course_combo.addItem(_("{course} (retired)").format(course=trade.text()), current)
        self.course_combo.setCurrentIndex(max(0, self.course_combo.findData(current)))
        box = number.widget.parentWidget()
        layout = box.layout() if box is not None else None
        if layout is not None:
            layout.replaceWidget(number.widget, self.course_combo)
            number.widget.hide()
        for widget in (trade, provider):
            widget.editor.setEnabled(False)
        self._trade, self._provider, self._number = trade, provider, number
        self._labels = {code: text for code, text in offered}
        self.course_combo.currentIndexChanged.connect(self._on_course_combo_changed)
        if not self.course_combo.count() > 1:
            self.errors.note("course_id", _("The catalogue has no course yet: the manager adds them."))

    def _on_course_combo_changed(self) -> None:
        code = str(self.course_combo.currentData() or "")
        self._number.set_text(code)
        text = self._labels.get(code, "")
        course, _sep, provider = text.partition(" – ")
        self._trade.set_text(course.rpartition(" (")[0] or course)  # "Tailoring (Elementary level)" → "Tailoring"
        self._provider.set_text(provider)


def course_form(request: FormRequest) -> CourseEntryDialog:
    return CourseEntryDialog(request)


register_screens("vocational_enrolment", KindScreens(course_form))
