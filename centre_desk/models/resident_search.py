"""The registry's search index: every suffix of every folded word a resident can be found by.

A search word occurs in Resident.search_text exactly when it begins one of these suffixes, so
`suffix >= word AND suffix < word + U+10FFFF` finds its residents from a B-tree range on SQLite and
PostgreSQL alike (the same answers as the substring test, without reading 100,000 rows). Words of
the alias and code are `public`: an account without identity access may find residents by them
only. The rows follow Resident.search_text through the mapper events below, whatever service
writes it; bulk inserts (tests, benchmark) call `suffix_rows` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, ForeignKey, String, bindparam, delete, event, insert, inspect, select
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from centre_desk.models.base import Base
from centre_desk.models.resident import Resident
from centre_desk.text import fold

SUFFIX_LENGTH = 24  # longer words are found by their first 24 letters, then checked in full


class ResidentSuffix(Base):
    __tablename__ = "resident_suffix"
    __table_args__ = ({"sqlite_with_rowid": False},)

    # byte order on PostgreSQL too (a linguistic collation would break the prefix range)
    suffix: Mapped[str] = mapped_column(
        String(SUFFIX_LENGTH).with_variant(String(SUFFIX_LENGTH, collation="C"), "postgresql"), primary_key=True
    )
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), primary_key=True)
    public: Mapped[bool]  # from the alias or code, not only from the name


def suffixes(search_text: str, alias: str, code: str) -> dict[str, bool]:
    """Each distinct suffix of search_text's words → whether the alias or code part holds it.

    The alias and code end search_text (see services/admissions.apply_person).
    """
    words = search_text.split()
    public = len(f"{fold(alias)} {fold(code)}".split())
    found: dict[str, bool] = {}
    for n, word in enumerate(words):
        is_public = n >= len(words) - public
        for start in range(len(word)):
            key = word[start : start + SUFFIX_LENGTH]
            found[key] = found.get(key, False) or is_public
    return found


def suffix_rows(resident_id: int, search_text: str, alias: str, code: str) -> list[dict[str, Any]]:
    return [
        {"suffix": key, "resident_id": resident_id, "public": public}
        for key, public in suffixes(search_text, alias, code).items()
    ]


def index_rows(residents: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The suffix rows of residents given as column values (id, search_text, alias, code): for bulk inserts."""
    return [row for r in residents for row in suffix_rows(r["id"], r["search_text"], r["alias"], r["code"])]


def upper_bound(word: str) -> str:
    """The least string after every string that begins with `word` (cut to SUFFIX_LENGTH)."""
    return word[:SUFFIX_LENGTH] + "\U0010ffff"


@event.listens_for(Resident, "after_insert")
def _inserted(mapper: Mapper[Resident], conn: Connection, resident: Resident) -> None:
    rows = suffix_rows(resident.id, resident.search_text, resident.alias, resident.code)
    if rows:
        conn.execute(insert(ResidentSuffix), rows)


@event.listens_for(Resident, "before_update")
def _updated(mapper: Mapper[Resident], conn: Connection, resident: Resident) -> None:
    """The old row's suffixes out by their primary key (no second index on 4 million rows), the new in."""
    state = inspect(resident)
    if not any(state.attrs[name].history.has_changes() for name in ("search_text", "alias", "code")):
        return
    old = conn.execute(
        select(Resident.search_text, Resident.alias, Resident.code).where(Resident.id == resident.id)
    ).one()
    gone = [{"s": key, "r": resident.id} for key in suffixes(*old)]
    if gone:
        by_key = (ResidentSuffix.suffix == bindparam("s"), ResidentSuffix.resident_id == bindparam("r"))
        conn.execute(delete(ResidentSuffix).where(*by_key), gone)
    _inserted(mapper, conn, resident)
