"""What the entry service returns: frozen rows, pages of rows, the Timeline and the glass-break review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from centre_desk.services.entries.fields import Value

PAGE = 100  # rows read at once; the lists fetch more as the user scrolls


@dataclass(frozen=True)
class EntryRow:
    """One entry as the actor may see it. `hidden`: restricted and not for this actor — no values, no summary,
    only the kind, the moment and who wrote it ("mục hạn chế")."""

    kind: str
    id: int
    version: int
    resident_id: int
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str
    restricted: bool
    hidden: bool
    struck: bool
    struck_reason: str
    summary: str
    values: tuple[tuple[str, Value], ...]
    flag: bool = False
    revisions: int = 0  # earlier versions kept
    opened_by_glass: bool = False  # shown once through "break the glass"

    def value(self, name: str) -> Value:
        return dict(self.values).get(name)


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: strictly older than (occurred_at, id)."""

    occurred_at: datetime
    id: int


@dataclass(frozen=True)
class EntryPage:
    kind: str
    rows: tuple[EntryRow, ...]
    total: int  # entries of this kind on the resident (struck ones included)
    next: Cursor | None  # None: nothing older


@dataclass(frozen=True)
class EntryInput:
    """A new entry or a change: the moment, the restricted tick and the values by field name."""

    occurred_at: datetime
    values: tuple[tuple[str, Value], ...]
    restricted: bool = False

    def as_dict(self) -> dict[str, Value]:
        return dict(self.values)


@dataclass(frozen=True)
class Revision:
    version: int
    changed_at: datetime
    changed_by: str
    values: tuple[tuple[str, Value], ...]


@dataclass(frozen=True)
class TimelineItem:
    """One line of the Timeline: an entry of any kind, or an event another capability reports (admission, a
    bed move, a leave). `kind` "" for events; `hidden` for a restricted entry the actor may not open."""

    at: datetime
    source: str  # an entry kind's code or an event source ("admission", "lodging")
    title: str
    text: str
    kind: str = ""
    entry_id: int = 0
    hidden: bool = False
    struck: bool = False
    flag: bool = False
    by: str = ""


@dataclass(frozen=True)
class TimelinePage:
    items: tuple[TimelineItem, ...]
    next: datetime | None  # strictly older items exist before this moment


@dataclass(frozen=True)
class GlassBreakRow:
    id: int
    at: datetime
    by: str
    resident_code: str
    kind_title: str
    reason: str
    reviewed: bool
    reviewed_by: str
    justified: bool | None
    review_note: str
