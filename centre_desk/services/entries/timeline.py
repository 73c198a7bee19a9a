"""The Timeline: everything that happened to a resident, newest first, as far as the actor may see.

Entries of every kind the actor may view come from their tables (a restricted one the actor may not open
is a bare "restricted entry" line); events other capabilities keep in their own tables (admission, bed
moves, presence) come from registered sources, each guarded by its field group. The entries' moments and
ids are read from their index first; only those kept on the page are read in full.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services.entries import store
from centre_desk.services.entries.dto import TimelineItem, TimelinePage
from centre_desk.services.entries.kinds import EntryKind, kind, kinds

TIMELINE_PAGE = 100

EventReader = Callable[[Session, int, datetime | None, int, bool], list[TimelineItem]]


@dataclass(frozen=True)
class EventSource:
    """Events another capability keeps: `read(session, resident_id, before, limit, names)` gives the newest
    `limit` strictly before `before` (names: whether the actor sees people's names)."""

    code: str
    group: FieldGroup
    read: EventReader


@dataclass(frozen=True)
class _Key:
    """An entry placed on the Timeline before it is read: its moment, kind and id."""

    at: datetime
    kind: str
    id: int


_SOURCES: dict[str, EventSource] = {}


def register_source(source: EventSource) -> None:
    _SOURCES[source.code] = source


def sees(actor: Actor, action: Action, group: FieldGroup) -> bool:
    return actor.account_id is None or allowed(actor.roles, action, group)


def _keys(s: Session, k: EntryKind, resident_id: int, before: datetime | None, limit: int) -> list[_Key]:
    model = k.model
    query = select(model.occurred_at, model.id).where(model.resident_id == resident_id)
    if before is not None:
        query = query.where(model.occurred_at < before)
    found = s.execute(query.order_by(model.occurred_at.desc(), model.id.desc()).limit(limit))
    return [_Key(at, k.code, int(entry_id)) for at, entry_id in found]


def _items(s: Session, actor: Actor, keys: Sequence[_Key]) -> dict[tuple[str, int], TimelineItem]:
    """The entries kept on the page, read in one query per kind."""
    found: dict[tuple[str, int], TimelineItem] = {}
    for code in {key.kind for key in keys}:
        k = kind(code)
        objs = list(s.scalars(select(k.model).where(k.model.id.in_([key.id for key in keys if key.kind == code]))))
        title = k.title_text()
        for row in store.rows(s, k, objs, sees(actor, Action.VIEW, k.restricted_group)):
            text = _("Restricted entry") if row.hidden else row.summary
            found[(code, row.id)] = TimelineItem(at=row.occurred_at, source=code, title=title, text=text, kind=code,
                                                 entry_id=row.id, hidden=row.hidden, struck=row.struck,
                                                 flag=row.flag, by=row.recorded_by)  # fmt: skip
    return found


def timeline(s: Session, actor: Actor, resident_id: int, before: datetime | None, limit: int,
             names: bool) -> TimelinePage:  # fmt: skip
    import centre_desk.services.entries.events  # noqa: F401  (registers the admission and lodging sources)

    found: list[TimelineItem | _Key] = []
    full = False  # a source had more than `limit`: older items may remain
    for k in kinds():
        if sees(actor, Action.VIEW, k.group):
            keys = _keys(s, k, resident_id, before, limit + 1)
            full, found = full or len(keys) > limit, found + list(keys)
    for source in _SOURCES.values():
        if sees(actor, Action.VIEW, source.group):
            items = source.read(s, resident_id, before, limit + 1, names)
            full, found = full or len(items) > limit, found + list(items)
    found.sort(key=lambda i: i.at, reverse=True)
    kept, older = _cut(found, limit, full)
    entries = _items(s, actor, [i for i in kept if isinstance(i, _Key)])
    return TimelinePage(tuple(entries[(i.kind, i.id)] if isinstance(i, _Key) else i for i in kept), older)


def _cut(items: Sequence[TimelineItem | _Key], limit: int,
         full: bool) -> tuple[tuple[TimelineItem | _Key, ...], datetime | None]:  # fmt: skip
    """The first `limit` items and all others of the same moment as the last (the next page reads strictly
    older ones); the moment to continue from, None when nothing older is left."""
    if len(items) <= limit:
        return tuple(items), (items[-1].at if full and items else None)
    end = limit
    while end < len(items) and items[end].at == items[limit - 1].at:
        end += 1
    return tuple(items[:end]), items[end - 1].at
