"""What each audit row's MAC covers, and the fast way to recompute a million of them (security/audit.py).

A row's MAC is HMAC-SHA256(audit key, previous MAC + `canonical(row)`). Writing a row builds the canonical bytes
in Python; verifying the whole chain asks the database for the same text (`payload_sql`), so a row costs one
short string fetched and two SHA-256 copies, not a dozen Python objects and a datetime round trip.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

SEP = "\x1f"
FIELDS = (
    "actor_id",
    "actor_login",
    "actor_role",
    "workstation",
    "action",
    "record_type",
    "record_id",
    "field_group",
    "outcome",
)


def canonical(seq: int, at_utc: datetime, values: Iterable[object]) -> bytes:
    stamp = at_utc.astimezone(UTC).isoformat(timespec="microseconds")
    parts = [str(seq), stamp, *("" if v is None else str(v) for v in values)]
    return SEP.join(parts).encode("utf-8")


class ChainMac:
    """HMAC-SHA256 (RFC 2104) with the key's two padded blocks hashed once: a MAC costs two hash copies
    instead of a new HMAC object (a third of the time per row; tests/security/test_audit_chain.py compares
    it with the standard library's hmac)."""

    _BLOCK = 64  # SHA-256's block size

    def __init__(self, key: bytes) -> None:
        if len(key) > self._BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(self._BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def digest(self, prev: bytes, payload: bytes) -> bytes:
        inner = self._inner.copy()
        inner.update(prev)
        inner.update(payload)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()

    def hexdigest(self, prev: str, payload: bytes) -> str:
        return self.digest(bytes.fromhex(prev), payload).hex()


# at_utc as canonical() writes it, from how each engine stores it (naive UTC): SQLAlchemy's text on SQLite
# ("2026-12-08 00:26:19.000000"), a timestamp on PostgreSQL.
_STAMP = {
    "sqlite": "replace(at_utc, ' ', 'T') || '+00:00'",
    "postgresql": """to_char(at_utc, 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')""",
}
_SEP_SQL = {"sqlite": "char(31)", "postgresql": "chr(31)"}


def payload_sql(dialect: str, *, concat_ws: bool = True) -> str | None:
    """SELECT seq, the canonical text, action, mac — in seq order; None for an engine not known here.

    The text equals `canonical()` for every row this program writes. It only ever serves to accept a row
    faster: a row whose MAC does not match it is read again typed and judged on `canonical()`, as before.
    concat_ws skips NULLs (so NOT NULL columns only); without it (SQLite before 3.44), `||`, twice as slow."""
    if dialect not in _STAMP:
        return None
    fields = [f"coalesce(CAST({f} AS TEXT), '')" if f == "actor_id" else f for f in FIELDS]
    parts = ["CAST(seq AS TEXT)", _STAMP[dialect], *fields]
    sep = _SEP_SQL[dialect]
    payload = f"concat_ws({sep}, {', '.join(parts)})" if concat_ws else f" || {sep} || ".join(parts)
    return f"SELECT seq, {payload}, action, mac FROM audit_event ORDER BY seq"  # noqa: S608 (no input in it)
