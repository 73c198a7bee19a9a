"""The record window of one resident (issue 4 §5)."""

from centre_desk.ui.record.opening import open_record
from centre_desk.ui.record.window import RecordWindow

__all__ = ["RecordWindow", "open_record"]
