"""A dialog whose OK sends its value to the service: what is refused stays typed, each message under its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from centre_desk.errors import UserError, ValidationError, ValidationErrors
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label

T = TypeVar("T")


class _SubmitDialog(QDialog, Generic[T]):
    """`value()` reads the input (a ValidationError names a field); OK calls `submit(value)` and closes only
    when the service took it. Every problem of a ValidationErrors is shown under its own field at once."""

    def __init__(self, parent: QWidget | None, submit: Callable[[T], object] | None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.accepted_value: T | None = None
        self.outcome: object = None  # what `submit` returned
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    if TYPE_CHECKING:  # each dialog reads its own fields

        def value(self) -> T: ...

    def show_problems(self, exc: ValidationError) -> None:
        problems = exc.problems if isinstance(exc, ValidationErrors) else ((exc.field, exc.message),)
        for field, message in reversed(problems):  # the focus ends on the first
            self.errors.show_message(field, message)

    def accept(self) -> None:
        self.errors.clear()
        try:
            read = self.value()
            if self._submit is not None:
                self.outcome = self._submit(read)
        except ValidationError as exc:
            self.show_problems(exc)
            return
        except UserError as exc:
            self.errors.show_message("", exc.message)
            return
        self.accepted_value = read
        super().accept()


SubmitDialog = _SubmitDialog  # a base, not a window: tests/ui/windows.py skips classes named with "_"
