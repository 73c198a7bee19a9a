"""What the legal-aid service returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class StepDueRow:
    """A legal step not done yet, due within the week or past its date (for the Overview)."""

    resident_id: int
    code: str  # the resident code
    name: str  # as the registry shows it: the full name with VIEW on IDENTITY, else the alias
    entry_id: int  # the legal_step entry (opens it in the record's Legal aid tab)
    step: str  # "Trial hearing", in the current language (the detail for "Other step")
    authority: str  # the office's name when given, else the kind of authority
    due_on: date
    late: bool  # the due date has passed
    days_left: int  # negative when late
