"""The Timeline: everything that happened to a resident, newest first, as far as the actor may see.

Entries of every kind the actor may view come from their tables (a restricted one the actor may not open
is a bare "restricted entry" line); events other capabilities keep in their own tables (admission, bed
moves, presence) come from registered sources, each guarded by its field group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services.entries import store
from centre_desk.services.entries.dto import Cursor, TimelineItem, TimelinePage
from centre_desk.services.entries.kinds import EntryKind, kinds

TIMELINE_PAGE = 100
_LAST_ID = 2**62  # a cursor that keeps every entry of the moment `before` out (occurred_at < before)

EventReader = Callable[[Session, int, datetime | None, int, bool], list[TimelineItem]]


@dataclass(frozen=True)
class EventSource:
    """Events another capability keeps: `read(session, resident_id, before, limit, names)` gives the newest
    `limit` strictly before `before` (names: whether the actor sees people's names)."""

    code: str
    group: FieldGroup
    read: EventReader


_SOURCES: dict[str, EventSource] = {}


def register_source(source: EventSource) -> None:
    _SOURCES[source.code] = source


def sees(actor: Actor, action: Action, group: FieldGroup) -> bool:
    return actor.account_id is None or allowed(actor.roles, action, group)


def _entry_items(s: Session, kind: EntryKind, resident_id: int, before: datetime | None, limit: int,
                 see: bool) -> list[TimelineItem]:  # fmt: skip
    cursor = Cursor(before, -_LAST_ID) if before is not None else None
    objs = store.newest(s, kind, resident_id, cursor, limit)
    title = kind.title_text()
    items = []
    for row in store.rows(s, kind, objs, see):
        text = _("Restricted entry") if row.hidden else row.summary
        items.append(TimelineItem(at=row.occurred_at, source=kind.code, title=title, text=text, kind=kind.code,
                                  entry_id=row.id, hidden=row.hidden, struck=row.struck, flag=row.flag,
                                  by=row.recorded_by))  # fmt: skip
    return items


def timeline(s: Session, actor: Actor, resident_id: int, before: datetime | None, limit: int,
             names: bool) -> TimelinePage:  # fmt: skip
    import centre_desk.services.entries.events  # noqa: F401  (registers the admission and lodging sources)

    found: list[TimelineItem] = []
    full = False  # a source had more than `limit`: older items may remain
    for kind in kinds():
        if sees(actor, Action.VIEW, kind.group):
            see = sees(actor, Action.VIEW, kind.restricted_group)
            items = _entry_items(s, kind, resident_id, before, limit + 1, see)
            full, found = full or len(items) > limit, found + items
    for source in _SOURCES.values():
        if sees(actor, Action.VIEW, source.group):
            items = source.read(s, resident_id, before, limit + 1, names)
            full, found = full or len(items) > limit, found + items
    found.sort(key=lambda i: i.at, reverse=True)
    return TimelinePage(*_cut(found, limit, full))


def _cut(items: Sequence[TimelineItem], limit: int, full: bool) -> tuple[tuple[TimelineItem, ...], datetime | None]:
    """The first `limit` items and all others of the same moment as the last (the next page reads strictly
    older ones); the moment to continue from, None when nothing older is left."""
    if len(items) <= limit:
        return tuple(items), (items[-1].at if full and items else None)
    end = limit
    while end < len(items) and items[end].at == items[limit - 1].at:
        end += 1
    return tuple(items[:end]), items[end - 1].at
