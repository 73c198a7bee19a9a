"""The record window of one resident (issue 4 §5)."""

from centre_desk.ui.record.window import RecordWindow, open_record

__all__ = ["RecordWindow", "open_record"]
